package cn.pbm.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Work over the items of a list, split into consecutive chunks that run on all cores (the common fork-join
 * pool) when asked. Each chunk collects what it finds in its own container; the containers come back in
 * chunk order, so what they hold is in item order.
 */
final class InChunks {

    private InChunks() {
    }

    /** Calls {@code work} for every item index 0..n-1, with the container of the index's chunk. */
    static <F> List<F> run(int n, boolean parallel, Supplier<F> container, ObjIntConsumer<F> work) {
        int chunks = parallel ? Math.min(n, 8 * Runtime.getRuntime().availableProcessors()) : 1;
        List<F> found = new ArrayList<>(Collections.nCopies(chunks, null));
        IntStream indexes = IntStream.range(0, chunks);
        (chunks > 1 ? indexes.parallel() : indexes).forEach(chunk -> {
            F collected = container.get();
            for (int i = (int) ((long) chunk * n / chunks); i < (int) ((long) (chunk + 1) * n / chunks); i++) {
                work.accept(collected, i);
            }
            found.set(chunk, collected);
        });
        return found;
    }
}
