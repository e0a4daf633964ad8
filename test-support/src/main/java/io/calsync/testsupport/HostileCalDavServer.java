package io.calsync.testsupport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CalDAV server that attacks its client, byte by byte (a raw socket, so that it can send half an answer and
 * stop). With no behaviour switched on it answers discovery like a minimal CalDAV server: {@code PROPFIND /} gives
 * the current-user-principal {@code /principal/} and the calendar-home-set {@code /home/} (so that discovery may
 * also start elsewhere and name this root as the principal), {@code /principal/} gives the same home, and the home
 * lists one calendar {@code /home/work/} ("Work", VEVENT): a normal connect through it succeeds. Hostile behaviours,
 * switched per Apple ID ({@link #forAppleId(String)}) or for everyone ({@link #everyone()}):
 * <ul>
 *   <li>{@linkplain Behaviour#redirect(int, String) a redirect} of any status to any {@code Location}, as the answer
 *       to {@code PROPFIND /};
 *   <li>{@linkplain Behaviour#trickle(Duration) a trickle}: a valid answer, one byte every so often;
 *   <li>{@linkplain Behaviour#stallAfterHeaders() a stall}: status line and headers, then silence until the
 *       client gives up;
 *   <li>{@linkplain Behaviour#hugeAnswer(long, boolean) a huge answer} (50 MB, 200 MB, ...) generated while it is
 *       sent, never held in memory, with or without {@code Content-Length};
 *   <li>a home with {@linkplain Behaviour#calendars(int) any number of calendars}, one with a
 *       {@linkplain Behaviour#displayNameOfLength(long) display name of any length} or
 *       {@linkplain Behaviour#oddCalendar(String, String) any colour and ctag};
 *   <li>{@linkplain Behaviour#deepNesting(int) XML nested any number of levels deep};
 *   <li>a {@linkplain Behaviour#homeSetAt(String) calendar-home-set on any URL}.
 * </ul>
 * Every request is recorded ({@link #requests()}) with whether it carried an {@code Authorization} header, so that a
 * test can assert that no credentials reached a place they must not go. Start a second instance as a redirect
 * target; {@link #start(String)} binds another loopback address (127.0.0.2) to play "another host".
 */
public final class HostileCalDavServer implements AutoCloseable {

    private static final String EVERYONE = "*";
    private static final int CHUNK = 64 * 1024;

    private final ServerSocket server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-caldav");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inProgress = new AtomicInteger();

    /** One request that reached the server. */
    public record Request(String method, String path, boolean authorization, String appleId) {
    }

    /** What the server does to one Apple ID (or to everyone). Normal until switched. */
    public static final class Behaviour {
        private volatile int redirectStatus;
        private volatile String redirectLocation;
        private volatile Duration trickle;
        private volatile boolean stall;
        private volatile long hugeBytes;
        private volatile boolean hugeAnnounced;
        private volatile int calendars = 1;
        private volatile long displayNameLength;
        private volatile String color = "#FF2968FF";
        private volatile String ctag = "ctag-1";
        private volatile int depth;
        private volatile String homeSet;

        /** {@code PROPFIND /} is answered {@code status} with this {@code Location}. */
        public Behaviour redirect(int status, String location) {
            this.redirectStatus = status;
            this.redirectLocation = location;
            return this;
        }

        /** The answer to {@code PROPFIND /} arrives one byte every {@code perByte} (with its full Content-Length). */
        public Behaviour trickle(Duration perByte) {
            this.trickle = perByte;
            return this;
        }

        /** {@code PROPFIND /} gets a 207 status line and headers, then nothing, until the client hangs up. */
        public Behaviour stallAfterHeaders() {
            this.stall = true;
            return this;
        }

        /**
         * {@code PROPFIND /} is answered with a multistatus of {@code bytes} bytes, nearly all of them one
         * displayname; {@code announced}: with {@code Content-Length}, else delimited by closing the connection.
         */
        public Behaviour hugeAnswer(long bytes, boolean announced) {
            this.hugeBytes = bytes;
            this.hugeAnnounced = announced;
            return this;
        }

        /** The home lists {@code count} calendars. */
        public Behaviour calendars(int count) {
            this.calendars = count;
            return this;
        }

        /** The home's calendar has a displayname of {@code characters} characters (streamed). */
        public Behaviour displayNameOfLength(long characters) {
            this.displayNameLength = characters;
            return this;
        }

        /** The home's calendar has this {@code calendar-color} and {@code getctag}. */
        public Behaviour oddCalendar(String color, String ctag) {
            this.color = color;
            this.ctag = ctag;
            return this;
        }

        /** The answer to {@code PROPFIND /} nests {@code levels} elements inside the current-user-principal. */
        public Behaviour deepNesting(int levels) {
            this.depth = levels;
            return this;
        }

        /** The principal's calendar-home-set is {@code href} (an absolute URL, perhaps elsewhere). */
        public Behaviour homeSetAt(String href) {
            this.homeSet = href;
            return this;
        }
    }

    private HostileCalDavServer(String host) {
        try {
            this.server = new ServerSocket(0, 200, InetAddress.getByName(host));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the hostile CalDAV server on " + host, e);
        }
        workers.execute(this::accept);
    }

    /** A server on 127.0.0.1, on a free port. */
    public static HostileCalDavServer start() {
        return start("127.0.0.1");
    }

    /** A server on {@code host} (any 127.x.y.z address works on Linux), on a free port. */
    public static HostileCalDavServer start(String host) {
        return new HostileCalDavServer(host);
    }

    /** Where discovery starts. */
    public String rootUrl() {
        return "http://" + hostPort() + "/";
    }

    /** For {@code calsync.caldav.insecure-hosts}. */
    public String hostPort() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    public Behaviour forAppleId(String appleId) {
        return behaviours.computeIfAbsent(appleId, k -> new Behaviour());
    }

    public Behaviour everyone() {
        return behaviours.computeIfAbsent(EVERYONE, k -> new Behaviour());
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    public List<Request> requestsOf(String appleId) {
        return requests.stream().filter(r -> appleId.equals(r.appleId())).toList();
    }

    /** Connections being answered right now (a trickle or a stall keeps one busy). */
    public int inProgress() {
        return inProgress.get();
    }

    /** Every behaviour off, the record emptied, and connections held open (stalls, trickles) closed. */
    public void reset() {
        behaviours.clear();
        requests.clear();
        closeOpenConnections();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                workers.execute(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        inProgress.incrementAndGet();
        try (socket) {
            socket.setSoTimeout((int) Duration.ofMinutes(5).toMillis());
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            Map<String, String> headers = new java.util.HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
            }
            in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            String method = requestLine[0];
            String path = requestLine.length > 1 ? requestLine[1] : "/";
            String appleId = appleId(headers.get("authorization"));
            requests.add(new Request(method, path, headers.containsKey("authorization"), appleId));
            answer(method, path, headers.getOrDefault("depth", "0"), behaviourOf(appleId), in, out);
        } catch (IOException clientGone) {
            // the client hung up (a deadline, a size limit): what these behaviours are for
        } finally {
            open.remove(socket);
            inProgress.decrementAndGet();
        }
    }

    private void answer(String method, String path, String depth, Behaviour b, InputStream in, OutputStream out)
            throws IOException {
        if (!method.equals("PROPFIND")) {
            respond(out, 404, "", Map.of());
            return;
        }
        if (path.equals("/")) {
            if (b.redirectStatus != 0) {
                respond(out, b.redirectStatus, "", Map.of("Location", b.redirectLocation));
            } else if (b.stall) {
                head(out, 207, 1000L);
                in.read(); // silence until the client hangs up (or the server is reset)
            } else if (b.trickle != null) {
                trickle(out, multistatus(response("/", principalAndHome(b))), b.trickle);
            } else if (b.hugeBytes > 0) {
                huge(out, b.hugeBytes, b.hugeAnnounced);
            } else if (b.depth > 0) {
                respond(out, 207, multistatus(response("/", "<current-user-principal>" + "<x>".repeat(b.depth)
                        + "</x>".repeat(b.depth) + "<href>/principal/</href></current-user-principal>")), Map.of());
            } else {
                respond(out, 207, multistatus(response("/", principalAndHome(b))), Map.of());
            }
        } else if (path.equals("/principal/")) {
            respond(out, 207, multistatus(response(path, principalAndHome(b))), Map.of());
        } else if (path.equals("/home/") && depth.equals("1")) {
            home(out, b);
        } else {
            respond(out, 404, "", Map.of());
        }
    }

    /** The home: itself, then its calendars, streamed (20,000 of them, or one with a 50 MB name). */
    private void home(OutputStream out, Behaviour b) throws IOException {
        head(out, 207, -1);
        write(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?><multistatus xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\""
                + " xmlns:CS=\"http://calendarserver.org/ns/\" xmlns:I=\"http://apple.com/ns/ical/\">"
                + response("/home/", "<resourcetype><collection/></resourcetype>"));
        for (int i = 0; i < b.calendars; i++) {
            String id = i == 0 ? "work" : "c" + i;
            if (i > 0) { // as short as a calendar can be, so that 20,000 of them stay under a few MB
                write(out, "<response><href>/home/" + id + "/</href><propstat><prop><resourcetype><C:calendar/></resourcetype>"
                        + "</prop><status>HTTP/1.1 200 OK</status></propstat></response>");
                continue;
            }
            write(out, "<response><href>/home/" + id + "/</href><propstat><prop><displayname>");
            if (i == 0 && b.displayNameLength > 0) {
                repeat(out, 'n', b.displayNameLength);
            } else {
                write(out, i == 0 ? "Work" : id);
            }
            write(out, "</displayname><resourcetype><collection/><C:calendar/></resourcetype>"
                    + "<C:supported-calendar-component-set><C:comp name=\"VEVENT\"/></C:supported-calendar-component-set>"
                    + (i == 0 ? "<I:calendar-color>" + b.color + "</I:calendar-color><CS:getctag>" + b.ctag + "</CS:getctag>" : "")
                    + "</prop><status>HTTP/1.1 200 OK</status></propstat></response>");
        }
        write(out, "</multistatus>");
    }

    private static String principalAndHome(Behaviour b) {
        return "<current-user-principal><href>/principal/</href></current-user-principal><C:calendar-home-set><href>"
                + (b.homeSet == null ? "/home/" : b.homeSet) + "</href></C:calendar-home-set>";
    }

    private static void huge(OutputStream out, long bytes, boolean announced) throws IOException {
        String start = "<?xml version=\"1.0\" encoding=\"utf-8\"?><multistatus xmlns=\"DAV:\"><response><href>/</href>"
                + "<propstat><prop><displayname>";
        String end = "</displayname></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>";
        head(out, 207, announced ? bytes : -1);
        write(out, start);
        repeat(out, 'x', Math.max(0, bytes - start.length() - end.length()));
        write(out, end);
    }

    private static void trickle(OutputStream out, String body, Duration perByte) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        head(out, 207, bytes.length);
        for (byte b : bytes) {
            out.write(b);
            out.flush();
            try {
                Thread.sleep(perByte.toMillis()); // the server is slow on purpose; this is the server side, not a test waiting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void repeat(OutputStream out, char c, long count) throws IOException {
        byte[] chunk = String.valueOf(c).repeat(CHUNK).getBytes(StandardCharsets.US_ASCII);
        for (long left = count; left > 0; left -= CHUNK) {
            out.write(chunk, 0, (int) Math.min(CHUNK, left));
        }
    }

    private static String multistatus(String responses) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><multistatus xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
                + responses + "</multistatus>";
    }

    private static String response(String href, String props) {
        return "<response><href>" + href + "</href><propstat><prop>" + props
                + "</prop><status>HTTP/1.1 200 OK</status></propstat></response>";
    }

    private static void respond(OutputStream out, int status, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " Hostile\r\nConnection: close\r\nContent-Length: "
                + bytes.length + "\r\n");
        if (bytes.length > 0) {
            head.append("Content-Type: application/xml; charset=utf-8\r\n");
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    /** Status line and headers; {@code length} -1: the body ends when the connection closes. */
    private static void head(OutputStream out, int status, long length) throws IOException {
        write(out, "HTTP/1.1 " + status + " Hostile\r\nConnection: close\r\nContent-Type: application/xml; charset=utf-8\r\n"
                + (length >= 0 ? "Content-Length: " + length + "\r\n" : "") + "\r\n");
        out.flush();
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b; (b = in.read()) >= 0; ) {
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : b == '\r' ? 1 : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            if (head.size() > 64 * 1024) {
                return null;
            }
        }
        return null;
    }

    private Behaviour behaviourOf(String appleId) {
        Behaviour mine = appleId == null ? null : behaviours.get(appleId);
        if (mine != null) {
            return mine;
        }
        Behaviour all = behaviours.get(EVERYONE);
        return all != null ? all : new Behaviour();
    }

    private static String appleId(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void closeOpenConnections() {
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException | RuntimeException ignored) {
                // closing is all that is wanted
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing is all that is wanted
        }
        closeOpenConnections();
        workers.shutdownNow();
    }
}
