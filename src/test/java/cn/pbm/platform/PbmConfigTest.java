package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Every {@code pbm.*} key of the shipped configuration is a setting of {@link PbmConfig}, and a key the mapping does
 * not know (a typo in an operator's configuration) stops the service instead of being ignored.
 */
class PbmConfigTest {

    private static SmallRyeConfig config(String profile, Map<String, String> extra) throws IOException {
        URL shipped = PbmConfigTest.class.getClassLoader().getResource("application.properties");
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(shipped, 250))
                .withSources(new PropertiesConfigSource(extra, "operator", 400))
                .withMapping(PbmConfig.class)
                .build();
    }

    @Test
    void theShippedConfigurationMapsEveryPbmKey() throws IOException {
        for (String profile : new String[] {"prod", "dev", "test"}) {
            PbmConfig pbm = config(profile, Map.of()).getConfigMapping(PbmConfig.class);
            assertThat(pbm.admission().maxWait()).isEqualTo(Duration.ofSeconds(2));
            assertThat(pbm.simulation().samples()).hasValueSatisfying(names -> assertThat(names).isNotEmpty());
        }
    }

    @Test
    void aMisspeltPbmKeyStopsTheStartNamingIt() {
        assertThatThrownBy(() -> config("prod", Map.of("pbm.decision-log.explanation", "false")))
                .hasStackTraceContaining("pbm.decision-log.explanation");
    }

    @Test
    void aSettingIsReadFromTheOperatorsConfiguration() throws IOException {
        PbmConfig pbm = config("prod", Map.of("pbm.simulation.max-items", "5")).getConfigMapping(PbmConfig.class);
        assertThat(pbm.simulation().maxItems()).isEqualTo(5);
    }
}
