package org.wikifarm.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {

    private static List<String> sorted(String... names) {
        List<String> list = new ArrayList<>(List.of(names));
        Collections.shuffle(list);
        list.sort(NaturalOrder.INSTANCE);
        return list;
    }

    @Test
    void numbersByValue() {
        assertThat(sorted("p10", "p2", "p1", "p20", "p3")).containsExactly("p1", "p2", "p3", "p10", "p20");
        assertThat(sorted("v1.10", "v1.9", "v1.2")).containsExactly("v1.2", "v1.9", "v1.10");
        assertThat(sorted("99999999999999999999999", "100000000000000000000000", "7"))
                .containsExactly("7", "99999999999999999999999", "100000000000000000000000");
    }

    @Test
    void caseIgnoredButTheOrderIsTotal() {
        assertThat(sorted("cherry", "Banana", "apple")).containsExactly("apple", "Banana", "cherry");
        assertThat(sorted("b", "B", "a")).containsExactly("a", "B", "b");
        assertThat(sorted("p02", "p2", "p1")).containsExactly("p1", "p2", "p02");
        assertThat(NaturalOrder.INSTANCE.compare("Notes", "notes")).isNotZero();
        assertThat(NaturalOrder.INSTANCE.compare("x", "x")).isZero();
    }

    @Test
    void theSameInEveryLocale() {
        Locale before = Locale.getDefault();
        List<String> inRoot;
        try {
            Locale.setDefault(Locale.ROOT);
            inRoot = sorted("Istanbul", "ılık", "izmir", "İzmir", "Zebra");
            Locale.setDefault(Locale.forLanguageTag("tr"));
            assertThat(sorted("Istanbul", "ılık", "izmir", "İzmir", "Zebra")).isEqualTo(inRoot);
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void foldersBeforeLongerNamesAndPathsByFolder() {
        assertThat(sorted("a b", "a/b", "a")).containsExactly("a", "a/b", "a b");
        List<PagePath> paths = new ArrayList<>(List.of(new PagePath("x/p10"), new PagePath("x/p9"),
                new PagePath("X2"), new PagePath("x")));
        paths.sort(NaturalOrder.PATHS);
        assertThat(paths).extracting(PagePath::value).containsExactly("x", "x/p9", "x/p10", "X2");
    }

    @Test
    void consistentOnAWideSample() {
        List<String> names = new ArrayList<>();
        for (String a : List.of("", "a", "A", "0", "00", "1", "01", "10", "/", " ", "é", "É", "\uD83D\uDE00")) {
            for (String b : List.of("", "a", "0", "01", "9", "/x")) {
                names.add(a + b);
            }
        }
        for (String x : names) {
            for (String y : names) {
                int xy = Integer.signum(NaturalOrder.INSTANCE.compare(x, y));
                assertThat(xy).as("%s vs %s", x, y).isEqualTo(-Integer.signum(NaturalOrder.INSTANCE.compare(y, x)));
                assertThat(xy == 0).isEqualTo(x.equals(y));
                for (String z : names) {
                    if (xy < 0 && NaturalOrder.INSTANCE.compare(y, z) < 0) {
                        assertThat(NaturalOrder.INSTANCE.compare(x, z)).as("%s < %s < %s", x, y, z).isNegative();
                    }
                }
            }
        }
    }
}
