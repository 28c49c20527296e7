package cn.pbm.platform;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.pbm.api.model.DecisionLogEntry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The decision log: one JSON line per decision on the log category {@value #CATEGORY} (stdout by default,
 * a file by configuration; see application.properties). An auditor can feed any line to the replay endpoint.
 */
@ApplicationScoped
public class DecisionLog {

    public static final String CATEGORY = "pbm.decisions";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private final ObjectMapper mapper;

    public DecisionLog(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public boolean enabled() {
        return LOG.isInfoEnabled();
    }

    public void write(DecisionLogEntry entry) {
        try {
            LOG.info(mapper.writeValueAsString(entry));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write decision-log line for " + entry.getDecisionId(), e);
        }
    }
}
