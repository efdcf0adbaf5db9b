package io.clayflow.cli.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultFormatTest {

    private static final String NL = System.lineSeparator();

    @Test
    void aTableAlignsColumnsUnderTheirNamesAndCountsTheRows() {
        String table = ResultFormat.TABLE.render(List.of("lead_id", "n"),
                List.of(List.of("a", "12345"), Arrays.asList("lead-2", null)));

        assertThat(table).isEqualTo("lead_id  n" + NL
                + "-------  -----" + NL
                + "a        12345" + NL
                + "lead-2   NULL" + NL
                + "(2 rows)" + NL);
    }

    @Test
    void oneRowIsSaidSo() {
        assertThat(ResultFormat.TABLE.render(List.of("count_star()"), List.of(List.of("400"))))
                .endsWith("400" + NL + "(1 row)" + NL);
    }

    @Test
    void csvQuotesOnlyTheCellsThatNeedItAndLeavesNullEmpty() {
        String csv = ResultFormat.CSV.render(List.of("name", "note", "n"),
                List.of(Arrays.asList("Müller, Jürgen", "said \"hi\"", null), List.of("Ada", "x", "1")));

        assertThat(csv).isEqualTo("name,note,n\r\n\"Müller, Jürgen\",\"said \"\"hi\"\"\",\r\nAda,x,1\r\n");
    }
}
