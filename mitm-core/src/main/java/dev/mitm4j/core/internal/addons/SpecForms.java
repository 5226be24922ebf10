package dev.mitm4j.core.internal.addons;

import dev.mitm4j.core.internal.options.OptionDef;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The accepted form of each spec option, as error messages and {@code --options} show it, and
 * the checks {@link dev.mitm4j.core.Options.Builder#set} runs so that a bad spec fails when it
 * is set rather than when the server is built.
 */
public final class SpecForms {
    private static final String SEPARATOR = " (the first character is the separator)";
    private static final Map<String, String> FORMS = Map.of(
            "modify_headers", "[/flow-filter]/header-name/[@]value" + SEPARATOR,
            "modify_body", "[/flow-filter]/body-regex/[@]replacement" + SEPARATOR,
            "map_remote", "[|flow-filter]|url-regex|replacement" + SEPARATOR,
            "map_local", "[|flow-filter]|url-regex|file-or-directory" + SEPARATOR,
            "block_list", "/flow-filter/status-code" + SEPARATOR);
    private static final Map<String, Consumer<String>> PARSERS = Map.of(
            "modify_headers", ModifyHeaders::parse,
            "modify_body", ModifyBody::parse,
            "map_remote", MapRemote::parse,
            "map_local", MapLocal::parse,
            "block_list", BlockList::parse);

    private SpecForms() {}

    /** {@return the expected form of {@code option}'s specs} */
    public static String of(String option) {
        String form = FORMS.get(option);
        return form == null ? "a spec" : form;
    }

    /**
     * {@return the check of the sequence option {@code option}: every element parses as that
     * option's spec}
     */
    public static OptionDef.Check check(String option) {
        return new OptionDef.Check() {
            @Override
            public void check(Object value) {
                for (Object element : (Iterable<?>) value) {
                    try {
                        PARSERS.get(option).accept((String) element);
                    } catch (SpecException e) {
                        throw new IllegalArgumentException(e.reason(), e);
                    }
                }
            }

            @Override
            public String form() {
                return of(option);
            }
        };
    }
}
