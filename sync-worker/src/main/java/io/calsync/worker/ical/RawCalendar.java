package io.calsync.worker.ical;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.CalendarParser;
import net.fortuna.ical4j.data.CalendarParserFactory;
import net.fortuna.ical4j.data.ContentHandler;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.TimeZoneRegistry;

/**
 * A calendar object resource parsed by ical4j, with the VEVENTs' properties kept exactly as written. ical4j's model
 * is not used for the events themselves because it rewrites what matters here: a local time in a DST gap becomes the
 * time after the gap ({@code 02:30} New York on the spring-forward day is stored as {@code 03:30}, which would move
 * every later instance of a series started there), and a PERIOD RDATE loses its TZID. ical4j still does the
 * parsing (unfolding, quoting, escapes of parameters) and builds the VTIMEZONEs into its registry.
 */
final class RawCalendar {

    /** One content line (RFC 5545 section 3.1): name, parameters (names upper-case) and value as written. */
    record Line(String name, Map<String, String> parameters, String value) {
        Optional<String> parameter(String parameterName) {
            return Optional.ofNullable(parameters.get(parameterName));
        }
    }

    /** One VEVENT's own lines (those of nested VALARMs left out), grouped by property name. */
    record Event(Map<String, List<Line>> lines) {
        List<Line> all(String name) {
            return lines.getOrDefault(name, List.of());
        }

        Optional<Line> first(String name) {
            return all(name).stream().findFirst();
        }

        Optional<String> text(String name) {
            return first(name).map(line -> unescape(line.value()));
        }
    }

    private final List<Event> events;
    private final Map<String, List<Line>> calendarLines;
    private final TimeZoneRegistry registry;

    private RawCalendar(List<Event> events, Map<String, List<Line>> calendarLines, TimeZoneRegistry registry) {
        this.events = events;
        this.calendarLines = calendarLines;
        this.registry = registry;
    }

    static RawCalendar parse(String icalendar) throws IOException, ParserException {
        Recorder recorder = new Recorder();
        CalendarParser parser = CalendarParserFactory.getInstance().get();
        CalendarBuilder builder = new CalendarBuilder(new CalendarParser() {
            @Override
            public void parse(InputStream in, ContentHandler handler) throws IOException, ParserException {
                parser.parse(in, recorder.tee(handler));
            }

            @Override
            public void parse(Reader in, ContentHandler handler) throws IOException, ParserException {
                parser.parse(in, recorder.tee(handler));
            }
        });
        builder.build(new StringReader(icalendar));
        return new RawCalendar(recorder.events, recorder.calendarLines, builder.getRegistry());
    }

    List<Event> events() {
        return events;
    }

    Optional<String> calendarProperty(String name) {
        return calendarLines.getOrDefault(name, List.of()).stream().findFirst().map(line -> unescape(line.value()));
    }

    TimeZoneRegistry registry() {
        return registry;
    }

    /** TEXT values (RFC 5545 section 3.3.11) with their escapes undone. */
    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 'n' || next == 'N' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Sees the parser's callbacks on their way to ical4j's own handler and keeps the VEVENTs' lines. */
    private static final class Recorder {
        private final List<Event> events = new ArrayList<>();
        private final Map<String, List<Line>> calendarLines = new LinkedHashMap<>();
        private final Deque<String> components = new ArrayDeque<>();
        private Map<String, List<Line>> event;
        private String name;
        private Map<String, String> parameters;
        private String value;

        ContentHandler tee(ContentHandler delegate) {
            return new ContentHandler() {
                @Override
                public void startCalendar() {
                    delegate.startCalendar();
                }

                @Override
                public void endCalendar() throws IOException {
                    delegate.endCalendar();
                }

                @Override
                public void startComponent(String component) {
                    components.push(component.toUpperCase(Locale.ROOT));
                    if (components.size() == 1 && "VEVENT".equals(components.peek())) {
                        event = new LinkedHashMap<>();
                    }
                    delegate.startComponent(component);
                }

                @Override
                public void endComponent(String component) {
                    if (components.size() == 1 && event != null) {
                        events.add(new Event(event));
                        event = null;
                    }
                    components.poll();
                    delegate.endComponent(component);
                }

                @Override
                public void startProperty(String property) {
                    name = property.toUpperCase(Locale.ROOT);
                    parameters = new LinkedHashMap<>();
                    value = "";
                    delegate.startProperty(property);
                }

                @Override
                public void propertyValue(String propertyValue) {
                    value = propertyValue;
                    delegate.propertyValue(propertyValue);
                }

                @Override
                public void parameter(String parameter, String parameterValue) {
                    parameters.putIfAbsent(parameter.toUpperCase(Locale.ROOT), unquoted(parameterValue));
                    delegate.parameter(parameter, parameterValue);
                }

                @Override
                public void endProperty(String property) {
                    Line line = new Line(name, Map.copyOf(parameters), value == null ? "" : value);
                    if (components.isEmpty()) {
                        calendarLines.computeIfAbsent(name, k -> new ArrayList<>()).add(line);
                    } else if (components.size() == 1 && event != null) {
                        event.computeIfAbsent(name, k -> new ArrayList<>()).add(line);
                    }
                    delegate.endProperty(property);
                }
            };
        }

        private static String unquoted(String parameterValue) {
            if (parameterValue != null && parameterValue.length() >= 2 && parameterValue.startsWith("\"")
                    && parameterValue.endsWith("\"")) {
                return parameterValue.substring(1, parameterValue.length() - 1);
            }
            return parameterValue == null ? "" : parameterValue;
        }
    }
}
