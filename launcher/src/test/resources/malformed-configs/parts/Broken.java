import org.bxiemu.mpi.Mpi;
import org.bxiemu.mpi.RankProgram;

/** A rank program with a type error: the job must not start. */
public class Broken implements RankProgram {
    @Override
    public void run(Mpi mpi) {
        int rank = mpi.wtime();
    }
}
