package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * What docs/adding-a-policy-family.md asks of a family, as far as a test can check it: a family is a folder of
 * dmn/, with the same name in test-scenarios/ (at least one KIE .scesim and one API scenario .yaml), decisions/
 * (when it has rules), the rule-set ids of dmn/rulesets.yaml (the part before the dot) and the Java package
 * cn.pbm.&lt;family without hyphens&gt;, which holds one {@code <Family>Resource} and otherwise only the roles
 * {@code <Family>RequestCheck}, {@code <Family>Tables}, {@code <Family>Events} and the extras listed here (and in the
 * doc). There is no service role: the resource is the family's endpoint class (issue 13's pattern). That every file of the manifest exists and every rule file is in it is
 * {@link RulesetManifestTest}'s.
 */
class FamilyLayoutTest {

    static final List<String> ROLES = List.of("Resource", "RequestCheck", "Tables", "Events");

    /** Classes beyond the roles, each documented in docs/adding-a-policy-family.md ("Extras today"). */
    static final Map<String, Set<String>> EXTRAS = Map.of(
            "budget", Set.of("BudgetAdjustments", "ProjectRules", "Money"),
            "disclosure", Set.of("Deadline", "DeadlineCounter", "HolidayCalendar", "DisclosureCalendars"),
            "selfevaluation", Set.of("FormScorer", "ReviewPolicy", "BatchSummary"),
            "warning", Set.of("FollowUp", "MonitoringCase", "MonitoringDate", "WarningTally"));

    private static final Path JAVA = Path.of("src/main/java/cn/pbm");

    static List<String> families() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of("dmn"))) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static String javaPackage(String family) {
        return family.replace("-", "");
    }

    @Test
    void everyFamilyHasScenariosOfBothKinds() throws IOException {
        assertThat(families()).hasSizeGreaterThanOrEqualTo(8);
        for (String family : families()) {
            Path scenarios = Path.of("test-scenarios", family);
            assertThat(scenarios).as("test-scenarios/%s/", family).isDirectory();
            assertThat(files(scenarios, ".scesim")).as("KIE scenarios in test-scenarios/%s/", family).isNotEmpty();
            assertThat(files(scenarios, ".yaml")).as("API scenarios in test-scenarios/%s/", family).isNotEmpty();
        }
    }

    @Test
    void everyFamilyHasAJavaPackageWithItsResource() throws IOException {
        for (String family : families()) {
            Path pkg = JAVA.resolve(javaPackage(family));
            assertThat(pkg).as("Java package cn.pbm.%s", javaPackage(family)).isDirectory();
            List<String> resources = classes(pkg).stream().filter(c -> c.endsWith("Resource")).toList();
            assertThat(resources).as("the JAX-RS class of %s", family).hasSize(1);
            String prefix = resources.get(0).substring(0, resources.get(0).length() - "Resource".length());
            assertThat(prefix.toLowerCase()).as("the family prefix of %s", resources.get(0))
                    .isEqualTo(javaPackage(family));
        }
    }

    @Test
    void everyClassOfAFamilyPlaysARoleOrIsADocumentedExtra() throws IOException {
        for (String family : families()) {
            String pkg = javaPackage(family);
            Set<String> extras = EXTRAS.getOrDefault(pkg, Set.of());
            List<String> classes = classes(JAVA.resolve(pkg));
            String prefix = classes.stream().filter(c -> c.endsWith("Resource")).findFirst().orElseThrow()
                    .replace("Resource", "");
            List<String> strays = new ArrayList<>();
            for (String name : classes) {
                boolean role = ROLES.stream().anyMatch(r -> name.equals(prefix + r));
                if (!role && !extras.contains(name)) {
                    strays.add(name);
                }
            }
            assertThat(strays).as("classes of cn.pbm.%s that play no role (%s%s) and are no documented extra",
                    pkg, prefix, ROLES).isEmpty();
            assertThat(classes).as("documented extras of cn.pbm.%s that no longer exist", pkg).containsAll(extras);
        }
    }

    @Test
    void everyJavaPackageIsAFamilyOrThePlatform() throws IOException {
        Set<String> expected = new TreeSet<>(List.of("platform", "workbench")); // plumbing and the pages, no family
        families().forEach(f -> expected.add(javaPackage(f)));
        try (Stream<Path> dirs = Files.list(JAVA)) {
            assertThat(dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()))
                    .as("packages under cn.pbm").allMatch(expected::contains);
        }
    }

    @Test
    void everyRulesetBelongsToAFamilyAndEveryFamilyHasOne() throws IOException {
        List<Ruleset> rulesets = RulesetCatalog.loadManifest(getClass().getClassLoader());
        Set<String> prefixes = new TreeSet<>();
        for (Ruleset ruleset : rulesets) {
            String prefix = ruleset.id().substring(0, ruleset.id().indexOf('.'));
            prefixes.add(prefix);
            for (Ruleset.RuleFile file : ruleset.files()) {
                // a rule set may also list a shared data file of another family (the holiday calendar)
                assertThat(file.path()).as("a file of rule set %s", ruleset.id()).matches("(dmn|decisions)/[a-z-]+/.*");
            }
        }
        assertThat(prefixes).as("rule-set id prefixes (dmn/rulesets.yaml)").isEqualTo(new TreeSet<>(families()));
    }

    @Test
    void everyRulesFolderIsAFamily() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of("decisions"))) {
            assertThat(dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()))
                    .as("folders of decisions/").allMatch(d -> {
                        try {
                            return families().contains(d);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    });
        }
    }

    @Test
    void theChecklistNamesEveryExtra() throws IOException {
        String checklist = Files.readString(Path.of("docs/adding-a-policy-family.md"));
        EXTRAS.values().forEach(extras -> extras.forEach(
                extra -> assertThat(checklist).as("docs/adding-a-policy-family.md").contains("`" + extra + "`")));
        ROLES.forEach(role -> assertThat(checklist).contains("<Family>" + role));
    }

    private static List<String> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> walk = Files.list(dir)) {
            return walk.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).toList();
        }
    }

    private static List<String> classes(Path pkg) throws IOException {
        try (Stream<Path> walk = Files.list(pkg)) {
            return walk.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java"))
                    .map(n -> n.substring(0, n.length() - ".java".length())).sorted().toList();
        }
    }
}
