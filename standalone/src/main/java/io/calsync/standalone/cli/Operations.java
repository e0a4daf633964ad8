package io.calsync.standalone.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/** How a user's sync is doing, and a resync of an account. */
final class Operations {

    private Operations() {
    }

    @Command(name = "status", description = "Show a user's sync status: accounts, calendars, pending pushes.")
    static final class Status implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Target target;

        @Option(names = {"-u", "--user"}, required = true, description = "the user in the platform")
        String user;

        @Override
        public Integer call() {
            Output out = Commands.output(spec, target);
            JsonNode status = target.api().get(target.worker, target.usersPath(user) + "/sync-status");
            if (out.json()) {
                out.json(status);
                return 0;
            }
            for (JsonNode account : status.path("accounts")) {
                out.line("account %s  %s  %s%s", account.path("accountId").asString(), account.path("appleId").asString(),
                        account.path("status").asString(), account.path("statusReason").isString()
                                ? " (" + account.path("statusReason").asString() + ")" : "");
                for (JsonNode calendar : account.path("calendars")) {
                    out.line("  %-8s %-20s %-8s last synced %s%s", calendar.path("role").asString(),
                            calendar.path("calendarId").asString(), calendar.path("state").asString(),
                            calendar.path("lastSuccessAt").asString("never"), calendar.path("lastError").isString()
                                    ? "; last error: " + calendar.path("lastError").asString() : "");
                }
            }
            JsonNode pushes = status.path("pushes");
            out.line("pushes: %d pending%s, %d failed", pushes.path("pending").asLong(),
                    pushes.path("oldestPendingSince").isString()
                            ? " (oldest since " + pushes.path("oldestPendingSince").asString() + ")" : "",
                    pushes.path("failed").asLong());
            return 0;
        }
    }

    @Command(name = "resync", description = "Re-read an account's calendars from scratch.")
    static final class Resync implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Target target;

        @Option(names = {"-u", "--user"}, required = true, description = "the user in the platform")
        String user;

        @Option(names = "--account", required = true, description = "the account (see: ./calsync accounts)")
        String account;

        @Override
        public Integer call() {
            Output out = Commands.output(spec, target);
            JsonNode resync = target.api().send(target.worker,
                    target.usersPath(user) + "/icloud-accounts/" + account + "/resync", "POST", null);
            if (out.json()) {
                out.json(resync);
                return 0;
            }
            out.line("reading again from scratch: %s", resync.path("calendarsReset"));
            return 0;
        }
    }
}
