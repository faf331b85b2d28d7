package org.wikifarm.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small wiki of real prose for ranking tests, and queries with the page each should find. The paraphrased queries
 * share no word with their page (after stop words), so BM25 cannot find them and the vectors must.
 */
final class Corpus {
    static final Map<String, String> PAGES = new LinkedHashMap<>();

    static {
        PAGES.put("garden/tomatoes", """
                # Tomatoes

                Tomato plants want full sun for most of the day, deep watering twice a week and a sturdy stake or cage.
                Pinch out the side shoots of cordon varieties so the plant puts its energy into fruit.

                ## Problems

                Blossom end rot comes from uneven watering. Yellow lower leaves are normal late in the season.
                """);
        PAGES.put("garden/compost", """
                # Compost heap

                Kitchen scraps such as carrot tops, potato skins, coffee grounds and eggshells go on the heap with
                dry brown material: shredded cardboard, straw and autumn leaves. Turn it every few weeks so air
                reaches the middle, and keep it as damp as a wrung-out sponge. After six months the bottom of the
                bin is dark crumbly humus ready for the beds.
                """);
        PAGES.put("cooking/bread", """
                # Sourdough bread

                Feed the starter with equal weights of flour and water the evening before. Mix the dough, rest it,
                then fold it every half hour for two hours. Shape a tight boule, proof it in a basket in the fridge
                and bake it in a preheated cast-iron pot with the lid on for the first twenty minutes.
                """);
        PAGES.put("travel/japan", """
                # Japan trip

                The Japan Rail Pass covers the shinkansen between Tokyo, Kyoto and Osaka. Book seat reservations at
                the ticket office. In Kyoto we visited Fushimi Inari early in the morning before the crowds, and
                spent an afternoon in the bamboo grove of Arashiyama.
                """);
        PAGES.put("tech/backups", """
                # Backups

                Every laptop runs restic each hour to the NAS, and the NAS copies its snapshots to object storage in
                another country. Repositories are encrypted with a key kept in the password manager. Twice a year
                we run the ZX-42 restore drill: pick ten random documents and recover them onto a clean machine.
                """);
        PAGES.put("health/sleep", """
                # Sleep

                Insomnia usually improves with a fixed wake-up time, even on weekends. Keep the bedroom cool and
                dark, avoid caffeine after lunch, and put screens away an hour before bed. If you cannot drift off
                within twenty minutes, get up and read something dull until drowsy.
                """);
        PAGES.put("finance/budget", """
                # Household budget

                Salary arrives on the 25th. Rent, utilities and insurance leave by direct debit on the first. We move
                fifteen percent into savings straight away and track groceries, transport and eating out in a
                spreadsheet with one tab per month.
                """);
        PAGES.put("pets/cats", """
                # Cats

                Miso eats wet food twice daily plus a small handful of dry kibble. Fresh water in a ceramic bowl away
                from the food. Annual vaccinations at the vet in March; flea treatment every month in summer.
                """);
    }

    /** A query and the page it should find; {@code paraphrase} when it shares no word with that page. */
    record Query(String text, String expected, boolean paraphrase) {
    }

    static final List<Query> QUERIES = List.of(
            new Query("sourdough starter", "cooking/bread", false),
            new Query("ZX-42", "tech/backups", false),
            new Query("Fushimi Inari", "travel/japan", false),
            new Query("restless nights tossing and turning", "health/sleep", true),
            new Query("safeguarding data against a drive failure", "tech/backups", true),
            new Query("what to do with vegetable peelings", "garden/compost", true),
            new Query("monthly spending plan", "finance/budget", true));

    private Corpus() {
    }
}
