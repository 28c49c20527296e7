package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/** The connection limit never exceeds what the process's open-file limit can hold (issue 21). */
class ConnectionLimitClampTest {

    private static ConfigValue limit(Map<String, String> config) {
        ConfigSourceInterceptorContext context = new ConfigSourceInterceptorContext() {
            @Override
            public ConfigValue proceed(String name) {
                String value = config.get(name);
                return value == null ? null : ConfigValue.builder().withName(name).withValue(value).build();
            }

            @Override
            public ConfigValue restart(String name) {
                return proceed(name);
            }

            @Override
            public Iterator<String> iterateNames() {
                return config.keySet().iterator();
            }
        };
        return new ConnectionLimitClamp().getValue(context, ConnectionLimitClamp.QUARKUS_LIMIT);
    }

    @Test
    void theConfiguredLimitIsKeptWhenTheFilesAllowIt() {
        assertThat(Connections.openFileLimit()).isGreaterThan(2000);
        assertThat(limit(Map.of("pbm.http.max-connections", "500", "pbm.http.reserved-files", "1024")).getValue())
                .isEqualTo("500");
        // an explicit Quarkus limit is the one wanted
        assertThat(limit(Map.of("pbm.http.max-connections", "500", "quarkus.http.limits.max-connections", "400"))
                .getValue()).isEqualTo("400");
        assertThat(limit(Map.of())).isNull();
    }

    @Test
    void aLimitAboveTheOpenFileLimitIsLoweredBelowIt() {
        long files = Connections.openFileLimit();
        ConfigValue value = limit(Map.of("pbm.http.max-connections", String.valueOf(files + 10_000),
                "pbm.http.reserved-files", "1024"));
        assertThat(value.getName()).isEqualTo(ConnectionLimitClamp.QUARKUS_LIMIT);
        assertThat(Long.parseLong(value.getValue())).isEqualTo(files - 1024);
        assertThat(ConnectionLimitClamp.lowered).contains("open-file limit " + files);
    }
}
