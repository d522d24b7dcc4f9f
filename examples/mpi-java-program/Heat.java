import org.bxiemu.mpi.Mpi;
import org.bxiemu.mpi.Payload;
import org.bxiemu.mpi.RankProgram;
import org.bxiemu.mpi.Request;
import org.bxiemu.mpi.collective.Buffer;
import org.bxiemu.mpi.collective.ReduceOp;

/**
 * Heat diffusion along a rod cut into one slab per rank: each step exchanges the boundary cells
 * with both neighbours (non-blocking, overlapped with the interior's update), and every few steps
 * an allreduce of the change tells every rank whether to stop. Plain sequential Java against
 * {@link Mpi}: bxiemu compiles this file when the job starts (job.program = "Heat.java").
 */
public class Heat implements RankProgram {
    private static final int CELLS = 4096;          // cells per rank
    private static final long NS_PER_CELL = 2_000;  // modelled compute per cell update (ps)
    private static final int CHECK_EVERY = 5;
    private static final double TOLERANCE = 1e-3;

    @Override
    public void run(Mpi mpi) {
        int left = mpi.rank() - 1;
        int right = mpi.rank() + 1;
        double[] u = new double[CELLS + 2]; // with one ghost cell at each end
        if (mpi.rank() == 0) u[0] = 100.0;  // the rod's hot end
        int step = 0;
        double change = Double.MAX_VALUE;
        while (change > TOLERANCE && step < 200) {
            step++;
            Request fromLeft = left >= 0 ? mpi.irecv(64, left, 0) : null;
            Request fromRight = right < mpi.size() ? mpi.irecv(64, right, 0) : null;
            if (left >= 0) mpi.isend(Payload.ofObject(u[1]), left, 0);
            if (right < mpi.size()) mpi.isend(Payload.ofObject(u[CELLS]), right, 0);
            double[] next = u.clone();
            double local = 0;
            for (int i = 2; i < CELLS; i++) next[i] = (u[i - 1] + u[i] + u[i + 1]) / 3;
            mpi.compute(CELLS * NS_PER_CELL); // the interior's update, while the halo flies
            if (fromLeft != null) u[0] = (Double) mpi.waitFor(fromLeft).payload().object();
            if (fromRight != null) u[CELLS + 1] = (Double) mpi.waitFor(fromRight).payload().object();
            next[1] = (u[0] + u[1] + u[2]) / 3;
            next[CELLS] = (u[CELLS - 1] + u[CELLS] + u[CELLS + 1]) / 3;
            for (int i = 1; i <= CELLS; i++) local = Math.max(local, Math.abs(next[i] - u[i]));
            next[0] = u[0];
            next[CELLS + 1] = u[CELLS + 1];
            u = next;
            if (step % CHECK_EVERY == 0) {
                Buffer mine = Buffer.ofDoubles(local);
                Buffer all = Buffer.ofDoubles(0);
                mpi.allreduce(mine, all, ReduceOp.MAX);
                change = all.getDouble(0);
            }
        }
        double heat = 0;
        for (int i = 1; i <= CELLS; i++) heat += u[i];
        Buffer mine = Buffer.ofDoubles(heat);
        Buffer total = Buffer.ofDoubles(0);
        mpi.reduce(mine, total, ReduceOp.SUM, 0);
        if (mpi.rank() == 0) {
            mpi.count("app.steps", step);
            mpi.count("app.total-heat-x1000", Math.round(total.getDouble(0) * 1000));
        }
    }
}
