package cn.pbm.security;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the service logs while a test runs (the test and the service share the JVM and its log manager):
 * every record at INFO or above, for asserting that refused credentials leave no warning, error or stack trace.
 */
final class LogCapture extends Handler implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");

    LogCapture() {
        setLevel(Level.INFO);
        root.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.INFO.intValue()) {
            records.add(record);
        }
    }

    /** Records with a stack trace, or at WARNING and above, as readable lines. */
    List<String> troubles() {
        return records.stream()
                .filter(r -> r.getThrown() != null || r.getLevel().intValue() >= Level.WARNING.intValue())
                .map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()
                        + (r.getThrown() == null ? "" : " [" + r.getThrown() + "]"))
                .toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
