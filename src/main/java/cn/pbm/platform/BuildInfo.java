package cn.pbm.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;

/** The commit the service was built from (git.properties, written by the build) and its version. */
@ApplicationScoped
public class BuildInfo {

    private final String commit;
    private final String version;

    public BuildInfo(@ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        Properties git = new Properties();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("git.properties")) {
            if (in != null) {
                git.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String id = git.getProperty("git.commit.id.full", git.getProperty("git.commit.id", "unknown"));
        this.commit = "true".equals(git.getProperty("git.dirty")) ? id + "-dirty" : id;
        this.version = version;
    }

    public cn.pbm.api.model.BuildInfo describe() {
        return new cn.pbm.api.model.BuildInfo().commit(commit).version(version);
    }
}
