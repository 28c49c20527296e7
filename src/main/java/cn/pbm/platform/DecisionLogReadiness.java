package cn.pbm.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ready means the decision log can be written: standard output always can; a {@code pbm.decision-log.file}
 * must be a writable file, or not exist yet in a directory that can be created or written to.
 */
@Readiness
@ApplicationScoped
public class DecisionLogReadiness implements HealthCheck {

    private final boolean enabled;
    private final Optional<Path> file;

    public DecisionLogReadiness(PbmConfig config) {
        this.enabled = config.decisionLog().enabled();
        this.file = config.decisionLog().file().filter(f -> !f.isBlank()).map(Path::of);
    }

    @Override
    public HealthCheckResponse call() {
        if (!enabled) {
            return HealthCheckResponse.named("decision log").up().withData("target", "off").build();
        }
        if (file.isEmpty()) {
            return HealthCheckResponse.named("decision log").up().withData("target", "stdout").build();
        }
        Path path = file.get().toAbsolutePath();
        return HealthCheckResponse.named("decision log")
                .status(writable(path))
                .withData("target", path.toString())
                .build();
    }

    static boolean writable(Path path) {
        if (Files.exists(path)) {
            return Files.isRegularFile(path) && Files.isWritable(path);
        }
        for (Path dir = path.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir)) {
                return Files.isDirectory(dir) && Files.isWritable(dir);
            }
        }
        return false;
    }
}
