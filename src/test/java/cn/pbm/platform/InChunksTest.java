package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** A long list split over the cores: every item exactly once, and what the chunks find comes back in item order. */
class InChunksTest {

    @Test
    void everyItemOnceInItemOrder() {
        for (int n : new int[] {0, 1, 7, 1000, 100_003}) {
            for (boolean parallel : new boolean[] {false, true}) {
                List<Integer> seen = new ArrayList<>();
                InChunks.run(n, parallel, ArrayList<Integer>::new, List::add).forEach(seen::addAll);
                assertThat(seen).as("n=%d parallel=%s", n, parallel).isEqualTo(IntStream.range(0, n).boxed().toList());
            }
        }
    }

    @Test
    void aParallelRunUsesSeveralChunks() {
        assertThat(InChunks.run(1000, true, ArrayList<Integer>::new, List::add)).hasSizeGreaterThan(1);
        assertThat(InChunks.run(1000, false, ArrayList<Integer>::new, List::add)).hasSize(1);
    }
}
