package org.wikifarm.limit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ListBudgetTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonSizeIsNeverBelowWhatJacksonWrites() throws Exception {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            every.append(c);
        }
        for (String text : List.of("", "plain", "quote \" and \\ backslash", "tab\tnew\nline\u0000\u001f",
                "é ü ß", "中文字", "😀🎉", every.toString())) {
            assertThat(JsonSize.of(text)).as(text.length() + " chars")
                    .isGreaterThanOrEqualTo(JSON.writeValueAsBytes(text).length);
        }
        assertThat(JsonSize.of(null)).isEqualTo(JSON.writeValueAsBytes(null).length);
    }

    @Test
    void controlCharactersCountSixBytes() {
        assertThat(JsonSize.of("\u0001".repeat(10))).isEqualTo(62);
    }

    @Test
    void takesItemsUntilTheNextDoesNotFit() {
        ListBudget.Fitted<String> fitted = ListBudget.fit(List.of("aaaa", "bbbb", "cccc"), 20, 100,
                s -> s.length() * 3L);

        assertThat(fitted.items()).containsExactly("aaaa");
        assertThat(fitted.truncated()).isTrue();
    }

    @Test
    void theFirstItemAlwaysFitsSoAListNeverComesBackEmptyAndStuck() {
        ListBudget.Fitted<String> fitted = ListBudget.fit(List.of("huge", "next"), 1, 100, s -> 1_000);

        assertThat(fitted.items()).containsExactly("huge");
        assertThat(fitted.truncated()).isTrue();
    }

    @Test
    void stopsAtTheItemCountToo() {
        List<Integer> items = IntStream.range(0, 50).boxed().toList();

        ListBudget.Fitted<Integer> fitted = ListBudget.fit(items, Long.MAX_VALUE, 10, i -> 1);

        assertThat(fitted.items()).hasSize(10);
        assertThat(fitted.truncated()).isTrue();
        assertThat(ListBudget.fit(items.subList(0, 10), Long.MAX_VALUE, 10, i -> 1).truncated()).isFalse();
    }

    @Test
    void headCutsByCharactersAndNeverSplitsAPair() {
        assertThat(Text.head("😀😀😀", 2)).isEqualTo("😀😀");
        assertThat(Text.head("abc", 5)).isEqualTo("abc");
        assertThat(Text.chars("a😀b")).isEqualTo(3);
        assertThat(Text.controlAt("ok\tline\nnext", true)).isEqualTo(-1);
        assertThat(Text.controlAt("ok\tline", false)).isEqualTo(2);
        assertThat(Text.controlAt("del\u007f", true)).isEqualTo(3);
    }
}
