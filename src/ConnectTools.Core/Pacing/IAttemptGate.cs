using System.Threading;
using System.Threading.Tasks;

namespace ConnectTools.Pacing
{
    /// <summary>Paces HTTP attempts: each waits on the gate before it is signed and sent, and reports how it went.</summary>
    public interface IAttemptGate
    {
        Task WaitAsync(string operation, CancellationToken cancellationToken);

        void OnCompleted(AttemptEventArgs attempt);

        /// <summary>The account the calls turned out to be made in (read from an ARN in a response); told at least once per client.</summary>
        void OnAccount(string accountId);
    }
}
