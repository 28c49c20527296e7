package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The manifest and the rule files agree: every file it names exists, and every rule or data file under
 * dmn/ and decisions/ belongs to a rule set (so it is hashed and shown to auditors).
 */
class RulesetManifestTest {

    private static final Set<String> NOT_RULES = Set.of("rulesets.yaml", "README.md", "jurisdictions.yaml");

    @Test
    void everyRuleFileIsInTheManifestAndEveryListedFileExists() throws IOException {
        List<Ruleset> rulesets = RulesetCatalog.loadManifest(getClass().getClassLoader());
        Set<String> listed = new TreeSet<>();
        rulesets.forEach(r -> r.files().forEach(f -> listed.add(f.path())));

        Set<String> onDisk = new TreeSet<>();
        for (String root : List.of("dmn", "decisions")) {
            try (Stream<Path> walk = Files.walk(Path.of(root))) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> !NOT_RULES.contains(p.getFileName().toString()))
                        .forEach(p -> onDisk.add(p.toString().replace('\\', '/')));
            }
        }
        assertThat(listed).as("files named in dmn/rulesets.yaml that do not exist").isSubsetOf(onDisk);
        assertThat(onDisk).as("rule files under dmn/ or decisions/ that no rule set in dmn/rulesets.yaml lists")
                .isSubsetOf(listed);
    }

    @Test
    void aManifestNamingAMissingFileIsRefusedWithItsName(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("rulesets.yaml"), """
                rulesets:
                  - id: policy.x
                    version: "1"
                    effectiveFrom: "2021-01-01"
                    files: [dmn/x/missing.dmn]
                """);
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, null)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RulesetCatalog.loadManifest(loader))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("x/missing.dmn")
                    .hasMessageContaining("not deployed");
        }
    }

    @Test
    void aSingleFileRulesetIsHashedAsThatFile() throws IOException {
        Ruleset grade = new RulesetCatalog().versions("grading.evaluation-grade").get(0);
        assertThat(grade.sha256())
                .isEqualTo(RulesetCatalog.sha256(Files.readAllBytes(Path.of("dmn/grading/evaluation-grade.dmn"))));
    }
}
