package org.wikifarm.api;

import java.time.Instant;
import java.util.List;
import org.wikifarm.auth.User;
import org.wikifarm.page.Draft;
import org.wikifarm.page.Page;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.Renamed;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.usage.UsageService;

/** The JSON shapes of the API that are not domain records themselves. */
final class Dtos {
    private Dtos() {
    }

    /** A wiki's usage and limits; a limit of 0 is unlimited, {@code own_limits} whether an admin set them. */
    record StatsJson(int pageCount, int attachmentCount, long diskUsageBytes, Instant measuredAt, long bytesLimit,
                     int pagesLimit, boolean ownLimits) {
        static StatsJson of(UsageService.Stats stats) {
            return new StatsJson(stats.pages(), stats.attachments(), stats.diskUsageBytes(), stats.measuredAt(),
                    stats.limits().bytes(), stats.limits().pages(), stats.limits().own());
        }
    }

    /** A wiki in the platform admin's list. */
    record WikiUsageJson(String id, String owner, String slug, String displayName, StatsJson stats) {
        static WikiUsageJson of(UsageService.WikiUsage usage) {
            Wiki wiki = usage.wiki();
            return new WikiUsageJson(wiki.id().value(), wiki.owner().value(), wiki.slug().value(),
                    wiki.displayName(), StatsJson.of(usage.stats()));
        }
    }

    /** A wiki's own limits: 0 unlimited, null the default. */
    record LimitsWrite(Long bytes, Integer pages) {
    }

    record PageWrite(String content, String revision, String message) {
    }

    record RenameRequest(String newPath, String message, Boolean updateLinks) {
    }

    record RestoreRequest(String message) {
    }

    /** A renamed page, with the pages whose links the rename pointed at it. */
    record RenamedJson(PagePath path, String content, String revision, String author, Instant date,
                       List<PagePath> relinked) {
        static RenamedJson of(Renamed renamed) {
            Page page = renamed.page();
            return new RenamedJson(page.path(), page.content(), page.revision(), page.author(), page.date(),
                    renamed.relinked());
        }
    }

    record RevertRequest(String revision, String message) {
    }

    record DraftWrite(String content, String baseRevision, Integer cursorLine, Integer cursorCh) {
    }

    record SignUp(String username, String password, String email, String displayName) {
    }

    record NewWiki(String slug, String displayName, Boolean isPublic) {
    }

    record UserJson(String username, String email, String displayName, boolean isAdmin, Instant createdAt) {
        static UserJson of(User user) {
            return new UserJson(user.username().value(), user.email(), user.displayName(), user.admin(),
                    user.createdAt());
        }
    }

    record WikiJson(String id, String owner, String slug, String customSlug, String displayName, boolean isPublic,
                    String paymentStatus, Instant createdAt, int pageCount, String url) {
        static WikiJson of(Wiki wiki, String url) {
            return new WikiJson(wiki.id().value(), wiki.owner().value(), wiki.slug().value(),
                    wiki.customSlug() == null ? null : wiki.customSlug().value(), wiki.displayName(), wiki.isPublic(),
                    wiki.paymentStatus().dbValue(), wiki.createdAt(), wiki.pageCount(), url);
        }
    }

    record DraftJson(String path, String content, String baseRevision, Integer cursorLine, Integer cursorCh,
                     Instant date) {
        static DraftJson of(Draft draft) {
            return new DraftJson(draft.path().value(), draft.content(), draft.baseRevision(), draft.cursorLine(),
                    draft.cursorCh(), draft.datetime());
        }
    }
}
