package org.wikifarm.git;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefFilter;
import org.eclipse.jgit.transport.UploadPack;
import org.wikifarm.auth.Caller;
import org.wikifarm.config.Settings;
import org.wikifarm.page.PageService;
import org.wikifarm.tenant.Wiki;

/**
 * JGit's two services set up for a wiki: both see only {@code HEAD} and {@code main}, both end a request whose client
 * stalls for {@code gitTimeoutSeconds}; a push checks every object it receives (JGit's object checker: malformed
 * objects, and tree entries named {@code .git}, {@code ..} and the like), stops receiving past
 * {@code gitMaxPushBytes}, takes no push options, and leaves every ref update to {@link PushHook}.
 */
final class GitServices {
    /** Only the wiki's branch is shown: nothing else is kept, and nothing else could be pushed. */
    private static final RefFilter MAIN_ONLY = refs -> {
        Map<String, Ref> shown = new LinkedHashMap<>();
        Ref head = refs.get(Constants.HEAD);
        Ref main = refs.get(PushedRefs.MAIN);
        if (head != null) {
            shown.put(Constants.HEAD, head);
        }
        if (main != null) {
            shown.put(PushedRefs.MAIN, main);
        }
        return shown;
    };

    private final Settings.Git settings;

    GitServices(Settings.Git settings) {
        this.settings = settings;
    }

    UploadPack upload(Repository repo) {
        UploadPack upload = new UploadPack(repo);
        upload.setBiDirectionalPipe(false);
        upload.setTimeout(settings.timeoutSeconds());
        upload.setRefFilter(MAIN_ONLY);
        return upload;
    }

    ReceivePack receive(Repository repo, PageService pages, Caller caller, Wiki wiki) {
        ReceivePack receive = new ReceivePack(repo);
        receive.setBiDirectionalPipe(false);
        receive.setTimeout(settings.timeoutSeconds());
        receive.setRefFilter(MAIN_ONLY);
        receive.setCheckReceivedObjects(true);
        receive.setMaxPackSizeLimit(settings.maxPushBytes());
        receive.setAllowPushOptions(false);
        receive.setAllowCreates(true);
        receive.setAllowDeletes(false);
        receive.setAllowNonFastForwards(false);
        receive.setAtomic(true);
        receive.setPreReceiveHook(new PushHook(pages, caller, wiki, settings.maxPushCommits()));
        return receive;
    }
}
