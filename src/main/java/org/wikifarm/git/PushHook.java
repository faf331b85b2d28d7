package org.wikifarm.git;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.auth.Caller;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.page.PageService;
import org.wikifarm.page.Pushed;
import org.wikifarm.tenant.Wiki;

/**
 * Decides a push once its objects are received: the ref rules ({@link PushedRefs}) for every command, then the one
 * update of {@code main} is handed to {@link PageService#push}, which checks the pushed files, asks the write guards
 * and moves the branch under the wiki's write lock. The hook moves the branch itself, so {@code ReceivePack} is left
 * nothing to update: every command has its result when the hook returns. A push is all or nothing: one refused
 * command refuses the others.
 */
final class PushHook implements PreReceiveHook {
    private static final Logger LOG = LoggerFactory.getLogger(PushHook.class);

    private final PageService pages;
    private final Caller caller;
    private final Wiki wiki;
    private final int maxCommits;

    PushHook(PageService pages, Caller caller, Wiki wiki, int maxCommits) {
        this.pages = pages;
        this.caller = caller;
        this.wiki = wiki;
        this.maxCommits = maxCommits;
    }

    @Override
    public void onPreReceive(ReceivePack pack, Collection<ReceiveCommand> commands) {
        List<ReceiveCommand> open = new ArrayList<>(commands);
        String refused = null;
        for (ReceiveCommand command : pack.getAllCommands()) {
            if (command.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED) {
                refused = "another update of this push was refused";
            }
        }
        for (ReceiveCommand command : open) {
            String why = PushedRefs.refusal(command.getRefName(), command.getType());
            if (why != null) {
                command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, why);
                refused = refused == null ? why : refused;
            }
        }
        if (refused != null || open.size() != 1) {
            String why = "refused with the rest of this push (" + (refused == null ? "one update at a time" : refused)
                    + ")";
            open.stream().filter(c -> c.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED)
                    .forEach(c -> c.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, why));
            return;
        }
        update(pack, open.get(0));
    }

    private void update(ReceivePack pack, ReceiveCommand main) {
        ObjectId old = main.getOldId();
        try {
            Pushed pushed = pages.push(caller, wiki, ObjectId.zeroId().equals(old) ? null : old.name(),
                    main.getNewId().name(), receivedBytes(pack), maxCommits);
            main.setResult(ReceiveCommand.Result.OK);
            pack.sendMessage("Wikifarm: " + pushed.commits() + " commit(s); " + pushed.saved().size()
                    + " page(s) saved, " + pushed.deleted().size() + " deleted.");
        } catch (WikifarmException refusal) {
            main.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, oneLine(refusal.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("A push to wiki {} failed", wiki.id(), e);
            main.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON,
                    "something went wrong on our side; it has been logged");
        }
    }

    private static long receivedBytes(ReceivePack pack) {
        try {
            return pack.getPackSize();
        } catch (IllegalStateException noPack) {
            return 0;
        }
    }

    /** The client shows the reason in one line: {@code ! [remote rejected] main -> main (reason)}. */
    static String oneLine(String message) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        String text = out.toString().strip();
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
