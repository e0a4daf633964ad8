package io.calsync.standalone.cli;

import io.calsync.infra.OwnerOnlyDirectory;
import io.calsync.infra.TokenIssuer;
import java.io.Console;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/** The commands about accounts and calendars, and tokens. */
final class Commands {

    private Commands() {
    }

    static Output output(CommandSpec spec, Target target) {
        return new Output(spec.commandLine().getOut(), target.json);
    }

    @Command(name = "token", description = "Print a bearer token of the running calsync for a tenant.")
    static final class Token implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--home", defaultValue = "${env:CALSYNC_HOME:-.calsync}",
                description = "the running calsync's home (default: ${DEFAULT-VALUE})")
        Path home;

        @Option(names = "--operator", description = "a token with the operator scope (metrics, actuator)")
        boolean operator;

        @Parameters(index = "0", defaultValue = "demo", description = "the tenant (default: ${DEFAULT-VALUE})")
        String tenant;

        @Override
        public Integer call() {
            Path absolute = OwnerOnlyDirectory.ensure(home.toAbsolutePath());
            if (TokenIssuer.existsIn(absolute)) {
                spec.commandLine().getErr().println("calsync: token signed with " + TokenIssuer.signingKeyIn(absolute)
                        + " (the key of the calsync run whose CALSYNC_HOME is " + absolute + ")");
            } else {
                spec.commandLine().getErr().println("calsync: no signing key in " + absolute + ": made a new one. A"
                        + " calsync already running with another CALSYNC_HOME will reject this token (401); run this"
                        + " command with that CALSYNC_HOME instead.");
            }
            TokenIssuer issuer = TokenIssuer.readOrCreate(absolute, Clock.systemUTC());
            spec.commandLine().getOut().println(operator ? issuer.mintOperator(TokenIssuer.DEFAULT_LIFETIME)
                    : issuer.mint(tenant, TokenIssuer.DEFAULT_LIFETIME));
            return 0;
        }
    }

    @Command(name = "connect", description = "Connect an iCloud account (Apple ID and app-specific password) for a user.")
    static final class Connect implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Target target;

        @Option(names = {"-u", "--user"}, required = true, description = "the user in the platform")
        String user;

        @Option(names = "--apple-id", required = true, description = "the Apple ID (an e-mail address)")
        String appleId;

        @Option(names = "--password-env", defaultValue = "CALSYNC_APP_PASSWORD", description = "the environment"
                + " variable holding the app-specific password (default: ${DEFAULT-VALUE}); without it, asked for"
                + " without echo")
        String passwordEnv;

        @Override
        public Integer call() {
            String password = password(passwordEnv, "App-specific password for " + appleId + " (xxxx-xxxx-xxxx-xxxx): ");
            Output out = output(spec, target);
            out.progress(spec.commandLine().getErr(), "connecting " + appleId + " (calsync asks iCloud for its calendars)");
            JsonNode account = target.api().send(target.worker, target.usersPath(user) + "/icloud-accounts", "POST",
                    Map.of("appleId", appleId, "appSpecificPassword", password));
            if (out.json()) {
                out.json(account);
            } else {
                out.line("connected account %s (%s)", account.path("accountId").asString(), appleId);
                Accounts.printCalendars(out, account);
            }
            return 0;
        }
    }

    /** The password from the environment variable, else asked for without echo; never printed. */
    static String password(String variable, String prompt) {
        String fromEnv = System.getenv(variable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        Console console = System.console();
        if (console == null) {
            throw new CliException("no password: set " + variable + " or run this in a terminal to be asked for it");
        }
        char[] typed = console.readPassword(prompt);
        if (typed == null || typed.length == 0) {
            throw new CliException("no password given");
        }
        return new String(typed).trim();
    }

    @Command(name = "accounts", description = "List a user's iCloud accounts and their calendars.")
    static final class Accounts implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Target target;

        @Option(names = {"-u", "--user"}, required = true, description = "the user in the platform")
        String user;

        @Override
        public Integer call() {
            Output out = output(spec, target);
            JsonNode accounts = target.api().get(target.worker, target.usersPath(user) + "/icloud-accounts");
            if (out.json()) {
                out.json(accounts);
                return 0;
            }
            JsonNode list = accounts.has("accounts") ? accounts.get("accounts") : accounts;
            if (list.isEmpty()) {
                out.line("no iCloud account connected for %s (connect one: ./calsync connect)", user);
            }
            for (JsonNode account : list) {
                out.line("account %s  %s  %s", account.path("accountId").asString(), account.path("appleId").asString(),
                        account.path("status").asString());
                printCalendars(out, account);
            }
            return 0;
        }

        static void printCalendars(Output out, JsonNode account) {
            for (JsonNode calendar : account.path("calendars")) {
                out.line("  calendar %-24s %-28s %s%s", calendar.path("calendarId").asString(),
                        "\"" + calendar.path("displayName").asString() + "\"",
                        calendar.path("role").asString("NONE"),
                        calendar.path("canBePrimary").asBoolean(true) ? "" : "  (read-only: conflicts only)");
            }
        }
    }

    @Command(name = "calendars", description = "Show, or set, a user's Primary Calendar and conflict calendars.")
    static final class Calendars implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Target target;

        @Option(names = {"-u", "--user"}, required = true, description = "the user in the platform")
        String user;

        @Option(names = "--account", description = "the account of the calendars named (see: ./calsync accounts);"
                + " not needed when the user has one account")
        String account;

        @Option(names = "--primary", description = "the Primary Calendar's id: appointments are written there")
        String primary;

        @Option(names = "--conflicts", split = ",", description = "calendar ids checked for conflicts, comma-separated")
        List<String> conflicts = new ArrayList<>();

        @Override
        public Integer call() {
            Output out = output(spec, target);
            String path = target.usersPath(user) + "/calendar-configuration";
            JsonNode configuration;
            if (primary == null && conflicts.isEmpty()) {
                configuration = target.api().get(target.worker, path);
            } else {
                String account = this.account != null ? this.account : onlyAccount();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("primary", primary == null ? null : Map.of("accountId", account, "calendarId", primary));
                body.put("conflicts", conflicts.stream().map(id -> Map.of("accountId", account, "calendarId", id))
                        .toList());
                configuration = target.api().send(target.worker, path, "PUT", body);
            }
            if (out.json()) {
                out.json(configuration);
                return 0;
            }
            JsonNode p = configuration.path("primary");
            out.line("calendars of %s:", user);
            out.line("primary    %s", p.isMissingNode() || p.isNull() ? "none (appointments are skipped until one is set)"
                    : p.path("calendarId").asString() + " of account " + p.path("accountId").asString());
            for (JsonNode c : configuration.path("conflicts")) {
                out.line("conflicts  %s of account %s", c.path("calendarId").asString(), c.path("accountId").asString());
            }
            return 0;
        }

        private String onlyAccount() {
            JsonNode accounts = target.api().get(target.worker, target.usersPath(user) + "/icloud-accounts");
            JsonNode list = accounts.has("accounts") ? accounts.get("accounts") : accounts;
            if (list.size() != 1) {
                throw new CliException(user + " has " + list.size() + " accounts: name one with --account"
                        + " (./calsync accounts --user " + user + " lists them)");
            }
            return list.get(0).path("accountId").asString();
        }
    }
}
