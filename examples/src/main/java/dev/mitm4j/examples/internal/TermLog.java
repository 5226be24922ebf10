package dev.mitm4j.examples.internal;

/**
 * mitmdump's termlog: the log lines on stderr are SLF4J's (slf4j-simple), shown from the level
 * {@code termlog_verbosity} names ({@code -q}: error, {@code -v}: debug; alert counts as info, as
 * in mitmproxy). slf4j-simple reads its level once, when the first logger is made, so
 * {@link #levelFrom} runs first thing in a JVM of its own; a level given with
 * {@code -Dorg.slf4j.simpleLogger.defaultLogLevel} wins.
 */
public final class TermLog {
    static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    private TermLog() {}

    /** Sets the level from the command line {@code args}; a bad command line changes nothing. */
    public static void levelFrom(String[] args) {
        if (System.getProperty(LEVEL_PROPERTY) != null) {
            return;
        }
        try {
            System.setProperty(LEVEL_PROPERTY,
                    level(CommandLine.parse(args).options().termlogVerbosity()));
        } catch (UsageException e) {
            // the run that follows reports it
        }
    }

    /** {@return slf4j-simple's level for a termlog_verbosity} */
    static String level(String termlogVerbosity) {
        return switch (termlogVerbosity) {
            case "debug", "warn", "error" -> termlogVerbosity;
            default -> "info";
        };
    }
}
