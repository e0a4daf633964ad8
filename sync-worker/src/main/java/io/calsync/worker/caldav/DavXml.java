package io.calsync.worker.caldav;

import com.github.sardine.model.Multistatus;
import com.github.sardine.model.ObjectFactory;
import com.github.sardine.model.Prop;
import com.github.sardine.model.Propstat;
import com.github.sardine.model.Response;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.UnmarshalException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.sax.SAXSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/** Reading WebDAV multistatus answers (RFC 4918 section 13): the successful properties of each response. */
final class DavXml {

    static final String DAV = "DAV:";
    static final String CALDAV = "urn:ietf:params:xml:ns:caldav";
    static final String CALENDARSERVER = "http://calendarserver.org/ns/";
    static final String APPLE_ICAL = "http://apple.com/ns/ical/";

    /** sardine's own JAXB model of WebDAV; building a context is slow, so there is one. */
    private static final JAXBContext MODEL;

    static {
        try {
            MODEL = JAXBContext.newInstance(ObjectFactory.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private DavXml() {
    }

    /**
     * Parses a multistatus as sardine's {@code SardineUtil.unmarshal} does (JAXB over a SAX parser with secure
     * processing, no external entities, no DOCTYPE at all), plus the JDK's {@code jdk.xml.maxElementDepth} limit: without it a
     * document nested 100,000 deep keeps a thread busy for many seconds building DOM nodes, with it the parser
     * stops at {@code maxDepth + 1}. IOExceptions of the stream (size limit, timeout) come out as they are.
     */
    static Multistatus unmarshal(InputStream in, int maxDepth, int maxResponses) throws IOException {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            // no multistatus needs a DOCTYPE; refusing it stops entity expansion (billion laughs) at its first byte
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            XMLReader reader = factory.newSAXParser().getXMLReader();
            reader.setProperty("jdk.xml.maxElementDepth", String.valueOf(maxDepth));
            jakarta.xml.bind.Unmarshaller unmarshaller = MODEL.createUnmarshaller();
            unmarshaller.setListener(new ResponseCounter(maxResponses));
            Object parsed = unmarshaller.unmarshal(new SAXSource(reader, new InputSource(in)));
            if (parsed instanceof Multistatus multistatus) {
                return multistatus;
            }
            throw new NotMultistatus("the root element is not DAV:multistatus", null);
        } catch (UncheckedTooMany e) {
            throw (TooManyResponses) e.getCause();
        } catch (UnmarshalException e) {
            IOException fromStream = ioCause(e);
            if (fromStream != null) {
                throw fromStream;
            }
            throw new NotMultistatus(describe(e), e);
        } catch (JAXBException | SAXException | ParserConfigurationException e) {
            throw new NotMultistatus(describe(e), e);
        }
    }

    /** More {@code <response>} elements than the caller accepts: parsing stops at the first one too many. */
    static final class TooManyResponses extends IOException {
        TooManyResponses(int max) {
            super("more than " + max + " responses");
        }
    }

    /** Stops the parse as soon as a count is exceeded, instead of building all of a 20,000-entry answer first. */
    private static final class ResponseCounter extends jakarta.xml.bind.Unmarshaller.Listener {
        private final int max;
        private int count;

        ResponseCounter(int max) {
            this.max = max;
        }

        @Override
        public void afterUnmarshal(Object target, Object parent) {
            if (target instanceof Response && ++count > max) {
                throw new UncheckedTooMany(new TooManyResponses(max));
            }
        }
    }

    private static final class UncheckedTooMany extends RuntimeException {
        UncheckedTooMany(TooManyResponses cause) {
            super(cause);
        }
    }

    /** The bytes arrived, but they are not a WebDAV multistatus (malformed, too deep, hostile). */
    static final class NotMultistatus extends IOException {
        NotMultistatus(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The IOException of the stream under the parser, if that is what stopped it. */
    private static IOException ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }

    /** One {@code <response>}: its href resolved against the request URL and its 200-status properties. */
    record Found(URI url, Prop prop) {

        Optional<Element> element(String namespace, String localName) {
            if (prop == null || prop.getAny() == null) {
                return Optional.empty();
            }
            return prop.getAny().stream()
                    .filter(e -> namespace.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName()))
                    .findFirst();
        }

        Optional<String> text(String namespace, String localName) {
            return element(namespace, localName).map(e -> e.getTextContent().trim()).filter(s -> !s.isEmpty());
        }

        /** The {@code <D:href>} inside a property such as current-user-principal or calendar-home-set. */
        Optional<URI> href(String namespace, String localName, URI base) {
            return element(namespace, localName)
                    .flatMap(e -> children(e, DAV, "href").stream().findFirst())
                    .map(href -> resolve(base, href.getTextContent().trim()));
        }

        /** The text of every {@code <D:href>} inside a property such as calendar-user-address-set, as written. */
        List<String> hrefTexts(String namespace, String localName) {
            return element(namespace, localName)
                    .map(e -> children(e, DAV, "href").stream().map(h -> h.getTextContent().trim())
                            .filter(h -> !h.isEmpty()).toList())
                    .orElse(List.of());
        }

        String etag() {
            if (prop == null || prop.getGetetag() == null || prop.getGetetag().getContent().isEmpty()) {
                return null;
            }
            return prop.getGetetag().getContent().get(0).trim();
        }

        String displayName() {
            if (prop == null || prop.getDisplayname() == null || prop.getDisplayname().getContent().isEmpty()) {
                return null;
            }
            return String.join("", prop.getDisplayname().getContent()).trim();
        }

        boolean isCalendar() {
            return prop != null && prop.getResourcetype() != null && prop.getResourcetype().getAny().stream()
                    .anyMatch(e -> CALDAV.equals(e.getNamespaceURI()) && "calendar".equals(e.getLocalName()));
        }

        /** RFC 4791 section 5.2.3: the {@code name} of each {@code <C:comp>}. */
        Set<String> components() {
            Set<String> names = new LinkedHashSet<>();
            element(CALDAV, "supported-calendar-component-set").ifPresent(set ->
                    children(set, CALDAV, "comp").forEach(comp -> names.add(comp.getAttribute("name").toUpperCase())));
            return names;
        }

        /** RFC 3744 section 5.4: whether the privilege set grants write, write-content or all. */
        boolean canWrite() {
            Optional<Element> set = element(DAV, "current-user-privilege-set");
            if (set.isEmpty()) {
                return true;
            }
            for (Element privilege : children(set.get(), DAV, "privilege")) {
                for (Element granted : childElements(privilege)) {
                    String name = granted.getLocalName();
                    if (DAV.equals(granted.getNamespaceURI())
                            && (name.equals("all") || name.equals("write") || name.equals("write-content"))) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    static List<Found> successful(Multistatus multistatus, URI requestUrl) {
        List<Found> found = new ArrayList<>();
        if (multistatus == null || multistatus.getResponse() == null) {
            return found;
        }
        for (Response response : multistatus.getResponse()) {
            if (response.getHref() == null || response.getHref().isEmpty()) {
                continue;
            }
            URI url = resolve(requestUrl, response.getHref().get(0).trim());
            Prop ok = null;
            for (Propstat propstat : response.getPropstat()) {
                if (propstat.getStatus() != null && propstat.getStatus().contains(" 200")) {
                    ok = propstat.getProp();
                }
            }
            found.add(new Found(url, ok));
        }
        return found;
    }

    /**
     * One {@code <response>} with what sync-collection and multiget need beyond its properties: its own status
     * (RFC 6578 section 3.5.2: a removed member is a response with status 404; section 3.6: a truncated report marks
     * the request-URI with 507) and whether it carries the {@code DAV:number-of-matches-within-limits} error.
     *
     * @param status the response's own {@code <D:status>}, 0 when it has none (then its propstats tell)
     */
    record Entry(Found found, int status, boolean beyondLimits) {
    }

    static List<Entry> entries(Multistatus multistatus, URI requestUrl) {
        List<Entry> entries = new ArrayList<>();
        if (multistatus == null || multistatus.getResponse() == null) {
            return entries;
        }
        List<Found> found = successful(multistatus, requestUrl);
        int i = 0;
        for (Response response : multistatus.getResponse()) {
            if (response.getHref() == null || response.getHref().isEmpty()) {
                continue;
            }
            entries.add(new Entry(found.get(i++), statusCode(response.getStatus()), beyondLimits(response)));
        }
        return entries;
    }

    /** {@code HTTP/1.1 507 Insufficient Storage} is 507; anything unreadable is 0. */
    static int statusCode(String statusLine) {
        if (statusLine == null) {
            return 0;
        }
        String[] parts = statusLine.trim().split("\\s+");
        try {
            return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean beyondLimits(Response response) {
        if (response.getError() == null || response.getError().getAny() == null) {
            return false;
        }
        Object any = response.getError().getAny();
        List<?> elements = any instanceof List<?> list ? list : List.of(any);
        return elements.stream().anyMatch(e -> e instanceof Element element
                && "number-of-matches-within-limits".equals(element.getLocalName()));
    }

    /** Server-supplied hrefs are untrusted input: one that is not a URI reference is a protocol violation. */
    static URI resolve(URI base, String href) {
        try {
            return base.resolve(new URI(href));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new CalDavException.ProtocolViolation("the server answered an href that is not a URI: '"
                    + (href.length() > 100 ? href.substring(0, 100) + "..." : href) + "'");
        }
    }

    private static List<Element> children(Element parent, String namespace, String localName) {
        return childElements(parent).stream()
                .filter(e -> namespace.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName()))
                .toList();
    }

    private static List<Element> childElements(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                elements.add(e);
            }
        }
        return elements;
    }
}
