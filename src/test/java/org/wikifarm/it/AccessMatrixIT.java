package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wikifarm.it.AccessMatrixIT.Kind.LAPSED;
import static org.wikifarm.it.AccessMatrixIT.Kind.OPEN;
import static org.wikifarm.it.AccessMatrixIT.Kind.PRIVATE;
import static org.wikifarm.it.AccessMatrixIT.Kind.PUBLIC;
import static org.wikifarm.it.AccessMatrixIT.Kind.SIGNED_IN;
import static org.wikifarm.it.AccessMatrixIT.Ui.DENIED;
import static org.wikifarm.it.AccessMatrixIT.Ui.DONE;
import static org.wikifarm.it.AccessMatrixIT.Ui.LOGIN;
import static org.wikifarm.it.AccessMatrixIT.Ui.NONE;
import static org.wikifarm.it.AccessMatrixIT.Ui.SHOWN;
import static org.wikifarm.it.AccessMatrixIT.Who.ANONYMOUS;
import static org.wikifarm.it.AccessMatrixIT.Who.EDITOR;
import static org.wikifarm.it.AccessMatrixIT.Who.EDITOR_TOKEN;
import static org.wikifarm.it.AccessMatrixIT.Who.OTHER_WIKI_TOKEN;
import static org.wikifarm.it.AccessMatrixIT.Who.OWNER;
import static org.wikifarm.it.AccessMatrixIT.Who.PLATFORM_ADMIN;
import static org.wikifarm.it.AccessMatrixIT.Who.REGISTERED;
import static org.wikifarm.it.AccessMatrixIT.Who.VIEWER;
import static org.wikifarm.it.AccessMatrixIT.Who.VIEWER_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may do what on a wiki, cell by cell, through the REST API and through the web UI. The rules: a platform admin
 * may do everything; the owner too; an editor reads and writes; a viewer reads; a wiki's access levels open reading
 * or writing to anyone signed in (REGISTERED) or to everyone (ANONYMOUS); a public wiki is readable by everyone; a
 * bearer token has its role on its own wiki and is a 401 anywhere else; a lapsed wiki is read-only for everyone.
 *
 * <p>The expectations are the table in {@link #MATRIX}, written out by hand: it is the specification, not derived
 * from the rules above. Every cell runs and is checked with soft assertions, so one run lists every wrong cell.
 * Besides the status, each cell checks that an allowed change happened and that a refused one left nothing behind.
 */
class AccessMatrixIT {

    /** The kinds of wiki the identities meet. */
    enum Kind {
        /** Not public; every access level APPROVED: members only. */
        PRIVATE(false, Map.of()),
        /** is_public: everyone reads, members write. */
        PUBLIC(true, Map.of()),
        /** Anyone signed in reads and writes. */
        SIGNED_IN(false, Map.of("read_access", "REGISTERED", "write_access", "REGISTERED")),
        /** Public, and everyone writes, signed in or not. */
        OPEN(true, Map.of("write_access", "ANONYMOUS")),
        /** Public and anyone signed in may write, but the subscription has lapsed. */
        LAPSED(true, Map.of("write_access", "REGISTERED"));

        final boolean isPublic;
        final Map<String, String> levels;

        Kind(boolean isPublic, Map<String, String> levels) {
            this.isPublic = isPublic;
            this.levels = levels;
        }
    }

    enum Who {
        ANONYMOUS, REGISTERED, VIEWER, EDITOR, OWNER, PLATFORM_ADMIN, VIEWER_TOKEN, EDITOR_TOKEN, OTHER_WIKI_TOKEN;

        boolean isToken() {
            return name().endsWith("TOKEN");
        }
    }

    /**
     * API: {@code GET|PUT pages/Home}, {@code PUT settings}, {@code PUT members/{u}}, {@code POST tokens}. UI:
     * {@code GET <base>/Home} and the POST of the edit, settings, members and new-token forms.
     */
    enum Action {
        READ_PAGE, SAVE_PAGE, CHANGE_SETTINGS, MANAGE_MEMBERS, MANAGE_TOKENS
    }

    /** What the web UI answers. */
    enum Ui {
        /** 200 with the screen: the page, or the new token's secret. */
        SHOWN,
        /** 303 after a change, back to the page or the screen. */
        DONE,
        /** 303 to {@code /login?next=…}: an anonymous visitor who may not even read the wiki. */
        LOGIN,
        /** 403 on the friendly error page. */
        DENIED,
        /** Not a web UI identity (tokens are for programs). */
        NONE
    }

    record Cell(Kind wiki, Who who, Action action, int api, Ui ui) {
        @Override
        public String toString() {
            return action + " by " + who + " on a " + wiki + " wiki";
        }
    }

    static final List<Cell> MATRIX = new ArrayList<>();

    static {
        // Anonymous visitors in the UI: sent to log in where they may not read the wiki, a friendly 403 where they
        // may read it but not do the rest. A token on another wiki than its own is a 401, even where anonymous
        // visitors may read. On a lapsed wiki nobody writes pages; its owner and admins still run it.
        //
        // Columns, in both api(…) and ui(…): read page, save page, change settings, manage members, manage tokens.
        row(PRIVATE, ANONYMOUS,        api(401, 401, 401, 401, 401), ui(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN));
        row(PRIVATE, REGISTERED,       api(403, 403, 403, 403, 403), ui(DENIED, DENIED, DENIED, DENIED, DENIED));
        row(PRIVATE, VIEWER,           api(200, 403, 403, 403, 403), ui(SHOWN, DENIED, DENIED, DENIED, DENIED));
        row(PRIVATE, EDITOR,           api(200, 200, 403, 403, 403), ui(SHOWN, DONE, DENIED, DENIED, DENIED));
        row(PRIVATE, OWNER,            api(200, 200, 200, 200, 201), ui(SHOWN, DONE, DONE, DONE, SHOWN));
        row(PRIVATE, PLATFORM_ADMIN,   api(200, 200, 200, 200, 201), ui(SHOWN, DONE, DONE, DONE, SHOWN));
        row(PRIVATE, VIEWER_TOKEN,     api(200, 403, 403, 403, 403), noUi());
        row(PRIVATE, EDITOR_TOKEN,     api(200, 200, 403, 403, 403), noUi());
        row(PRIVATE, OTHER_WIKI_TOKEN, api(401, 401, 401, 401, 401), noUi());

        row(PUBLIC, ANONYMOUS,         api(200, 401, 401, 401, 401), ui(SHOWN, DENIED, DENIED, DENIED, DENIED));
        row(PUBLIC, REGISTERED,        api(200, 403, 403, 403, 403), ui(SHOWN, DENIED, DENIED, DENIED, DENIED));
        row(PUBLIC, VIEWER,            api(200, 403, 403, 403, 403), ui(SHOWN, DENIED, DENIED, DENIED, DENIED));
        row(PUBLIC, EDITOR,            api(200, 200, 403, 403, 403), ui(SHOWN, DONE, DENIED, DENIED, DENIED));
        row(PUBLIC, OWNER,             api(200, 200, 200, 200, 201), ui(SHOWN, DONE, DONE, DONE, SHOWN));
        row(PUBLIC, PLATFORM_ADMIN,    api(200, 200, 200, 200, 201), ui(SHOWN, DONE, DONE, DONE, SHOWN));
        row(PUBLIC, VIEWER_TOKEN,      api(200, 403, 403, 403, 403), noUi());
        row(PUBLIC, EDITOR_TOKEN,      api(200, 200, 403, 403, 403), noUi());
        row(PUBLIC, OTHER_WIKI_TOKEN,  api(401, 401, 401, 401, 401), noUi());

        // A level adds to a role (a viewer may write where anyone signed in may); a token has its role only.
        row(SIGNED_IN, ANONYMOUS,      api(401, 401, 401, 401, 401), ui(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN));
        row(SIGNED_IN, REGISTERED,     api(200, 200, 403, 403, 403), ui(SHOWN, DONE, DENIED, DENIED, DENIED));
        row(SIGNED_IN, VIEWER,         api(200, 200, 403, 403, 403), ui(SHOWN, DONE, DENIED, DENIED, DENIED));
        row(SIGNED_IN, EDITOR,         api(200, 200, 403, 403, 403), ui(SHOWN, DONE, DENIED, DENIED, DENIED));
        row(SIGNED_IN, OWNER,          api(200, 200, 200, 200, 201), ui(SHOWN, DONE, DONE, DONE, SHOWN));
        row(SIGNED_IN, PLATFORM_ADMIN, api(200, 200, 200, 200, 201), ui(SHOWN, DONE, DONE, DONE, SHOWN));
        row(SIGNED_IN, VIEWER_TOKEN,   api(200, 403, 403, 403, 403), noUi());
        row(SIGNED_IN, EDITOR_TOKEN,   api(200, 200, 403, 403, 403), noUi());
        row(SIGNED_IN, OTHER_WIKI_TOKEN, api(401, 401, 401, 401, 401), noUi());

        row(OPEN, ANONYMOUS,           api(200, 200, 401, 401, 401), ui(SHOWN, DONE, DENIED, DENIED, DENIED));
        row(OPEN, REGISTERED,          api(200, 200, 403, 403, 403), ui(SHOWN, DONE, DENIED, DENIED, DENIED));
        row(OPEN, VIEWER,              api(200, 200, 403, 403, 403), ui(SHOWN, DONE, DENIED, DENIED, DENIED));
        row(OPEN, EDITOR,              api(200, 200, 403, 403, 403), ui(SHOWN, DONE, DENIED, DENIED, DENIED));
        row(OPEN, OWNER,               api(200, 200, 200, 200, 201), ui(SHOWN, DONE, DONE, DONE, SHOWN));
        row(OPEN, PLATFORM_ADMIN,      api(200, 200, 200, 200, 201), ui(SHOWN, DONE, DONE, DONE, SHOWN));
        row(OPEN, VIEWER_TOKEN,        api(200, 403, 403, 403, 403), noUi());
        row(OPEN, EDITOR_TOKEN,        api(200, 200, 403, 403, 403), noUi());
        row(OPEN, OTHER_WIKI_TOKEN,    api(401, 401, 401, 401, 401), noUi());

        row(LAPSED, ANONYMOUS,         api(200, 401, 401, 401, 401), ui(SHOWN, DENIED, DENIED, DENIED, DENIED));
        row(LAPSED, REGISTERED,        api(200, 403, 403, 403, 403), ui(SHOWN, DENIED, DENIED, DENIED, DENIED));
        row(LAPSED, VIEWER,            api(200, 403, 403, 403, 403), ui(SHOWN, DENIED, DENIED, DENIED, DENIED));
        row(LAPSED, EDITOR,            api(200, 403, 403, 403, 403), ui(SHOWN, DENIED, DENIED, DENIED, DENIED));
        row(LAPSED, OWNER,             api(200, 403, 200, 200, 201), ui(SHOWN, DENIED, DONE, DONE, SHOWN));
        row(LAPSED, PLATFORM_ADMIN,    api(200, 403, 200, 200, 201), ui(SHOWN, DENIED, DONE, DONE, SHOWN));
        row(LAPSED, VIEWER_TOKEN,      api(200, 403, 403, 403, 403), noUi());
        row(LAPSED, EDITOR_TOKEN,      api(200, 403, 403, 403, 403), noUi());
        row(LAPSED, OTHER_WIKI_TOKEN,  api(401, 401, 401, 401, 401), noUi());
    }

    private static void row(Kind wiki, Who who, int[] api, Ui[] ui) {
        Action[] actions = Action.values();
        for (int i = 0; i < actions.length; i++) {
            MATRIX.add(new Cell(wiki, who, actions[i], api[i], ui[i]));
        }
    }

    private static int[] api(int read, int save, int settings, int members, int tokens) {
        return new int[] {read, save, settings, members, tokens};
    }

    private static Ui[] ui(Ui read, Ui save, Ui settings, Ui members, Ui tokens) {
        return new Ui[] {read, save, settings, members, tokens};
    }

    private static Ui[] noUi() {
        return ui(NONE, NONE, NONE, NONE, NONE);
    }

    /** One wiki of the matrix and the tokens made on it. */
    private record MatrixWiki(TestWiki wiki, String viewerToken, String editorToken) {
        String base() {
            return "/" + wiki.owner() + "/" + wiki.slug();
        }
    }

    private static final Pattern ERROR_MESSAGE = Pattern.compile("<p id=\"error-message\">([^<]*)</p>");
    private static final AtomicInteger CELLS_RUN = new AtomicInteger();
    private static final Map<Who, TestUser> USERS = new EnumMap<>(Who.class);
    private static final Map<Kind, MatrixWiki> WIKIS = new EnumMap<>(Kind.class);
    private static TestUser owner;
    private static TestUser bystander;
    private static String otherWikiToken;

    @BeforeAll
    static void buildTheWikis() {
        owner = Fixtures.newUser();
        bystander = Fixtures.newUser();
        USERS.put(OWNER, owner);
        USERS.put(REGISTERED, Fixtures.newUser());
        USERS.put(VIEWER, Fixtures.newUser());
        USERS.put(EDITOR, Fixtures.newUser());
        USERS.put(PLATFORM_ADMIN, Fixtures.admin());

        TestWiki other = Fixtures.newWiki(owner, false);
        otherWikiToken = newToken(other, "other-wiki", "editor");
        for (Kind kind : Kind.values()) {
            TestWiki wiki = Fixtures.newWiki(owner, kind.isPublic);
            if (!kind.levels.isEmpty()) {
                owner.client().put(wiki.api() + "/settings", kind.levels).expect(200);
            }
            owner.client().put(wiki.api() + "/members/" + USERS.get(VIEWER).username(), Map.of("role", "viewer"))
                    .expect(200);
            owner.client().put(wiki.api() + "/members/" + USERS.get(EDITOR).username(), Map.of("role", "editor"))
                    .expect(200);
            wiki.pages(owner.client()).create("Home", "# Home of a " + kind + " wiki\n");
            WIKIS.put(kind, new MatrixWiki(wiki, newToken(wiki, "viewer", "viewer"),
                    newToken(wiki, "editor", "editor")));
        }
        setLapsed(WIKIS.get(LAPSED).wiki());

        for (Kind kind : Kind.values()) {
            JsonNode settings = owner.client().get(WIKIS.get(kind).wiki().api() + "/settings").expect(200).json();
            assertThat(settings.path("is_public").asBoolean()).as("is_public of the %s wiki: %s", kind, settings)
                    .isEqualTo(kind.isPublic);
            kind.levels.forEach((level, value) -> assertThat(settings.path(level).asText())
                    .as("%s of the %s wiki: %s", level, kind, settings).isEqualTo(value));
            assertThat(settings.path("payment_status").asText()).as("payment_status of the %s wiki", kind)
                    .isEqualTo(kind == LAPSED ? "lapsed" : "free");
        }
    }

    private static String newToken(TestWiki wiki, String name, String role) {
        ApiResponse created = owner.client().post(wiki.api() + "/tokens", Map.of("name", name, "role", role))
                .expect(201);
        return created.text("secret");
    }

    /** Only a platform admin sets a payment status, on the admin screen. */
    private static void setLapsed(TestWiki wiki) {
        WebSession admin = WebSession.signedIn(Fixtures.admin());
        ApiResponse set = admin.submit("/admin/wikis", Map.of("wiki_id", wiki.id(), "payment_status", "lapsed"));
        assertThat(set.status()).as("setting the wiki lapsed on the admin screen: %s", set).isEqualTo(303);
    }

    @Test
    void theApiAnswersEveryCellAsTheTableSays() {
        SoftAssertions softly = new SoftAssertions();
        for (Cell cell : MATRIX) {
            checkApi(softly, cell);
        }
        softly.assertAll();
    }

    @Test
    void theWebUiAnswersEveryCellAsTheTableSays() {
        Map<Who, WebSession> sessions = new EnumMap<>(Who.class);
        sessions.put(ANONYMOUS, WebSession.visitorWithSession());
        USERS.forEach((who, user) -> sessions.put(who, WebSession.signedIn(user)));
        SoftAssertions softly = new SoftAssertions();
        for (Cell cell : MATRIX) {
            if (cell.ui() != NONE) {
                checkUi(softly, cell, sessions.get(cell.who()));
            }
        }
        softly.assertAll();
    }

    private void checkApi(SoftAssertions softly, Cell cell) {
        MatrixWiki wiki = WIKIS.get(cell.wiki());
        HeaderClient client = switch (cell.who()) {
            case ANONYMOUS -> HeaderClient.anonymous();
            case VIEWER_TOKEN -> HeaderClient.bearer(wiki.viewerToken());
            case EDITOR_TOKEN -> HeaderClient.bearer(wiki.editorToken());
            case OTHER_WIKI_TOKEN -> HeaderClient.bearer(otherWikiToken);
            default -> HeaderClient.basic(USERS.get(cell.who()).username(), USERS.get(cell.who()).password());
        };
        TestWiki target = wiki.wiki();
        Change change = Change.next(cell, target);
        ApiResponse answer = switch (cell.action()) {
            case READ_PAGE -> client.get(target.page("Home"));
            case SAVE_PAGE -> client.put(target.page("Home"),
                    Pages.body(change.value(), currentRevision(target), "matrix " + cell));
            case CHANGE_SETTINGS -> client.put(target.api() + "/settings", Map.of("display_name", change.value()));
            case MANAGE_MEMBERS -> client.put(target.api() + "/members/" + bystander.username(),
                    Map.of("role", change.value()));
            case MANAGE_TOKENS -> client.post(target.api() + "/tokens", Map.of("name", change.value(),
                    "role", "viewer"));
        };
        String where = cell + " through the API";
        softly.assertThat(answer.status()).as("%s: %s", where, answer).isEqualTo(cell.api());
        if (answer.status() == cell.api()) {
            checkApiAnswer(softly, cell, where, answer);
        }
        // Even after a wrong status: did the answer change the wiki or not?
        change.check(softly, where, cell.api() < 300);
    }

    private static void checkApiAnswer(SoftAssertions softly, Cell cell, String where, ApiResponse answer) {
        JsonNode json = answer.json() == null ? ApiClient.JSON.createObjectNode() : answer.json();
        if (cell.api() == 401) {
            softly.assertThat(answer.header("WWW-Authenticate")).as("challenge of the 401 to %s: %s", where, answer)
                    .isPresent();
        } else if (cell.api() == 403) {
            // Saving on a lapsed wiki may say why instead: the subscription, not a role, is what is missing.
            boolean lapsedSave = cell.wiki() == LAPSED && cell.action() == Action.SAVE_PAGE;
            softly.assertThat(json.path("message").asText()).as("the 403 to %s names what is missing: %s", where,
                    answer).containsAnyOf(missingPermission(cell), lapsedSave ? "lapsed" : missingPermission(cell));
        } else if (cell.action() == Action.READ_PAGE) {
            softly.assertThat(json.path("path").asText()).as("the page %s reads: %s", where, answer).isEqualTo("Home");
        } else if (cell.action() == Action.MANAGE_TOKENS) {
            softly.assertThat(json.path("secret").asText()).as("the new token's secret for %s: %s", where, answer)
                    .startsWith("wft_");
        }
    }

    private void checkUi(SoftAssertions softly, Cell cell, WebSession session) {
        MatrixWiki wiki = WIKIS.get(cell.wiki());
        Change change = Change.next(cell, wiki.wiki());
        ApiResponse answer = switch (cell.action()) {
            case READ_PAGE -> session.get(wiki.base() + "/Home");
            case SAVE_PAGE -> session.submit(wiki.base() + "/-/edit/Home", Map.of("content", change.value(),
                    "revision", currentRevision(wiki.wiki()), "message", "matrix " + cell));
            case CHANGE_SETTINGS -> session.submit(wiki.base() + "/-/settings", settingsForm(wiki.wiki(),
                    change.value()));
            case MANAGE_MEMBERS -> session.submit(wiki.base() + "/-/members", Map.of("action", "grant",
                    "username", bystander.username(), "role", change.value()));
            case MANAGE_TOKENS -> session.submit(wiki.base() + "/-/tokens", Map.of("action", "create",
                    "name", change.value(), "role", "viewer"));
        };
        String where = cell + " in the web UI";
        String location = answer.header("Location").orElse("");
        int expected = switch (cell.ui()) {
            case SHOWN -> 200;
            case DONE, LOGIN -> 303;
            case DENIED -> 403;
            case NONE -> throw new IllegalArgumentException("no web UI for " + cell);
        };
        softly.assertThat(answer.status()).as("%s: %s", where, brief(answer)).isEqualTo(expected);
        if (answer.status() == expected) {
            switch (cell.ui()) {
                case SHOWN -> softly.assertThat(answer.body()).as("the screen of %s", where).contains(
                        cell.action() == Action.READ_PAGE ? "id=\"page-title\"" : "id=\"new-token-secret\"");
                case DONE -> softly.assertThat(location).as("where %s leads", where).startsWith(wiki.base() + "/");
                case LOGIN -> softly.assertThat(location).as("where %s leads", where).startsWith("/login?next=");
                default -> softly.assertThat(answer.body()).as("the friendly error page of %s", where)
                        .contains("<span id=\"error-status\">403</span>");
            }
        }
        change.check(softly, where, cell.ui() == DONE || (cell.ui() == SHOWN && cell.action() != Action.READ_PAGE));
    }

    /** A web answer in one line: status, where it redirects, and the error page's message if it is one. */
    private static String brief(ApiResponse answer) {
        Matcher message = ERROR_MESSAGE.matcher(answer.body());
        return answer.method() + " " + answer.uri() + " → " + answer.status()
                + answer.header("Location").map(location -> " Location: " + location).orElse("")
                + (message.find() ? " \"" + message.group(1).strip() + "\"" : "");
    }

    private static String missingPermission(Cell cell) {
        return switch (cell.action()) {
            case READ_PAGE -> "READ";
            case SAVE_PAGE -> "WRITE";
            default -> "ADMIN";
        };
    }

    /** The settings form as the screen shows it now, with a new display name. */
    private static Map<String, String> settingsForm(TestWiki wiki, String displayName) {
        JsonNode settings = owner.client().get(wiki.api() + "/settings").expect(200).json();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("display_name", displayName);
        if (settings.path("is_public").asBoolean()) {
            form.put("is_public", "on");
        }
        for (String level : List.of("read_access", "write_access", "attachment_access")) {
            form.put(level, settings.path(level).asText());
        }
        return form;
    }

    private static String currentRevision(TestWiki wiki) {
        return wiki.pages(owner.client()).get("Home").expect(200).text("revision");
    }

    /**
     * What a cell tries to change, and how the wiki's owner sees that part of the wiki before and after: an allowed
     * cell must have made exactly its change, a refused one must have left it as it was.
     */
    private record Change(Cell cell, TestWiki wiki, String value, String before) {
        static Change next(Cell cell, TestWiki wiki) {
            int number = CELLS_RUN.incrementAndGet();
            String before = state(cell.action(), wiki);
            String value = switch (cell.action()) {
                case READ_PAGE -> null;
                case SAVE_PAGE -> "# Home\nWritten by cell " + number + ": " + cell + ".\n";
                case CHANGE_SETTINGS -> "Matrix cell " + number;
                case MANAGE_MEMBERS -> "viewer".equals(before) ? "editor" : "viewer";
                case MANAGE_TOKENS -> "matrix-cell-" + number;
            };
            return new Change(cell, wiki, value, before);
        }

        void check(SoftAssertions softly, String where, boolean allowed) {
            if (cell.action() == Action.READ_PAGE) {
                return;
            }
            String after = state(cell.action(), wiki);
            if (!allowed) {
                softly.assertThat(after).as("nothing changed by the refused %s", where).isEqualTo(before);
            } else if (cell.action() == Action.MANAGE_TOKENS) {
                softly.assertThat(after).as("the token made by %s", where).contains("[" + value + "]");
            } else {
                softly.assertThat(after).as("the change made by %s", where).isEqualTo(value);
            }
        }

        /** The part of the wiki an action changes, as its owner sees it. */
        private static String state(Action action, TestWiki wiki) {
            ApiClient owner = AccessMatrixIT.owner.client();
            return switch (action) {
                case READ_PAGE -> null;
                case SAVE_PAGE -> wiki.pages(owner).get("Home").expect(200).text("content");
                case CHANGE_SETTINGS -> owner.get(wiki.api() + "/settings").expect(200).text("display_name");
                case MANAGE_MEMBERS -> owner.get(wiki.api() + "/members").expect(200).array("members").stream()
                        .filter(member -> member.path("username").asText().equals(bystander.username()))
                        .map(member -> member.path("role").asText()).findFirst().orElse("none");
                case MANAGE_TOKENS -> owner.get(wiki.api() + "/tokens").expect(200).array("tokens").stream()
                        .map(token -> "[" + token.path("name").asText() + "]").collect(Collectors.joining());
            };
        }
    }
}
