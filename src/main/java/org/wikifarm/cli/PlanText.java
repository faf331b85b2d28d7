package org.wikifarm.cli;

import java.util.Locale;
import org.wikifarm.importer.ImportPlan;

/** An import plan as people read it. */
final class PlanText {
    private PlanText() {
    }

    static String of(ImportPlan plan, boolean dryRun) {
        StringBuilder out = new StringBuilder();
        out.append(dryRun ? "Would create" : "Created").append(" the wiki ").append(plan.owner()).append('/')
                .append(plan.slug()).append(" \"").append(plan.displayName()).append("\" from ").append(plan.source())
                .append('\n');
        out.append(String.format(Locale.ROOT, "  access        read %s, write %s, attachments %s%n",
                plan.access().read(), plan.access().write(), plan.access().attachment()));
        out.append(String.format(Locale.ROOT, "  pages         %,d%n  attachments   %,d%n  commits       %,d (%s)%n",
                plan.pages().size(), plan.attachments().size(), plan.commits(), plan.history()));
        plan.pages().forEach((from, to) -> {
            if (!from.equals(to)) {
                out.append("    ").append(from).append(" -> ").append(to).append('\n');
            }
        });
        if (!plan.skipped().isEmpty()) {
            out.append(String.format(Locale.ROOT, "  left out      %,d files: %s%n", plan.skipped().size(),
                    String.join(", ", plan.skipped())));
        }
        plan.settings().forEach((name, became) -> out.append("  setting       ").append(name).append(" -> ")
                .append(became).append('\n'));
        if (!plan.notCarried().isEmpty()) {
            out.append("  not carried   ").append(String.join(", ", plan.notCarried())).append('\n');
        }
        for (ImportPlan.PlannedUser user : plan.users()) {
            out.append("  user          ").append(user.email() == null ? "(no email)" : user.email()).append(" -> ")
                    .append(user.username() == null ? "-" : user.username() + (user.existing() ? " (existing)"
                            : " (new account, no password)"))
                    .append(user.role() == null ? "" : ", " + user.role())
                    .append(user.reason() == null ? "" : " [" + user.reason() + "]").append('\n');
        }
        out.append(String.format(Locale.ROOT, "  drafts        %,d carried, %,d left out%n", plan.drafts().size(),
                plan.droppedDrafts().size()));
        plan.droppedDrafts().forEach(d -> out.append("    ").append(d).append('\n'));
        return out.toString();
    }
}
