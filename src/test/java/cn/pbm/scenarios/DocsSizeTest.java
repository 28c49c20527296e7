package cn.pbm.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The README is a one-page router (issue 13: under 8 KB), and no document grows past what a reader can read: a
 * merge once left docs/auditors.md at 7 MB, one paragraph repeated between every character, unnoticed because its
 * examples still passed.
 */
class DocsSizeTest {

    @Test
    void theReadmeIsUnder8KB() throws IOException {
        assertThat(Files.size(Path.of("README.md"))).isLessThan(8 * 1024);
    }

    @Test
    void everyDocumentIsUnder64KB() throws IOException {
        List<Path> docs;
        try (Stream<Path> walk = Files.walk(Path.of("docs"))) {
            docs = walk.filter(p -> p.toString().endsWith(".md")).toList();
        }
        assertThat(docs).isNotEmpty().allSatisfy(doc -> assertThat(Files.size(doc)).as(doc.toString())
                .isLessThan(64 * 1024));
    }
}
