package io.clayflow.connect.clay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RowBatcherTest {

    @Test
    void cutsAtTheRowLimitKeepingOrder() {
        List<ClayRow> rows = IntStream.range(0, 25).mapToObj(TestRows::row).toList();

        List<List<ClayRow>> batches = new RowBatcher(10, 100_000).batches(rows);

        assertThat(batches).extracting(List::size).containsExactly(10, 10, 5);
        assertThat(batches.stream().flatMap(List::stream).map(ClayRow::leadId))
                .containsExactlyElementsOf(rows.stream().map(ClayRow::leadId).toList());
    }

    @Test
    void cutsAtTheByteLimitSoEveryBodyFits() {
        List<ClayRow> rows = IntStream.range(0, 10).mapToObj(TestRows::row).toList();
        int rowSize = rows.get(0).size();
        int maxBytes = 3 * rowSize + 4; // room for three rows, their commas and brackets

        List<List<ClayRow>> batches = new RowBatcher(10, maxBytes).batches(rows);

        assertThat(batches).allSatisfy(batch -> assertThat(RowBatcher.body(batch).length).isLessThanOrEqualTo(maxBytes));
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(10);
        assertThat(batches.get(0)).hasSize(3);
    }

    @Test
    void aRowLargerThanTheLimitTravelsAloneForTheCallerToRefuse() {
        List<ClayRow> rows = List.of(TestRows.row(1), TestRows.row(2));

        List<List<ClayRow>> batches = new RowBatcher(10, 10).batches(rows);

        assertThat(batches).extracting(List::size).containsExactly(1, 1);
    }

    @Test
    void theBodyIsAJsonArrayOfTheRows() throws Exception {
        List<ClayRow> batch = List.of(TestRows.row(1), TestRows.row(2));

        JsonNode body = new ObjectMapper().readTree(RowBatcher.body(batch));

        assertThat(body.isArray()).isTrue();
        assertThat(body).extracting(node -> node.path("lead_id").asText()).containsExactly("lead-1", "lead-2");
    }
}
