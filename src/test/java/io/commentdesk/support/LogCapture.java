package io.commentdesk.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Records every log line written while it is open: the message as written and as formatted, its
 * parameters, its MDC and NDC (what the JSON log of prod carries beside the message), and the stack
 * trace with every cause's and suppressed exception's message.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    /** One record: where it came from, and all of its text. */
    public record Line(String logger, String level, String text) {
    }

    private final ConcurrentLinkedQueue<Line> lines = new ConcurrentLinkedQueue<>();
    // The JBoss LogManager's root, which Quarkus logs through, whatever java.util.logging manager the test JVM has.
    private final Logger root = org.jboss.logmanager.LogContext.getLogContext().getLogger("");

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.setLevel(Level.ALL);
        capture.root.addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
        if (record.getParameters() != null) {
            for (Object p : record.getParameters()) {
                line.append(' ').append(p);
            }
        }
        if (record instanceof ExtLogRecord ext) {
            String formatted = ext.getFormattedMessage();
            if (formatted != null && !formatted.equals(record.getMessage())) {
                line.append('\n').append(formatted);
            }
            ext.getMdcCopy().forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
            if (ext.getNdc() != null && !ext.getNdc().isEmpty()) {
                line.append(' ').append(ext.getNdc());
            }
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        lines.add(new Line(record.getLoggerName(), String.valueOf(record.getLevel()), line.toString()));
    }

    public String text() {
        return String.join("\n", lines().stream().map(Line::text).toList());
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    public int size() {
        return lines.size();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
