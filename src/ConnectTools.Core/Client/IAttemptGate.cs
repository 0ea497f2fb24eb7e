using System.Threading;
using System.Threading.Tasks;

namespace ConnectTools.Client
{
    /// <summary>Paces HTTP attempts: each waits on the gate before it is signed and sent, and reports how it went.</summary>
    public interface IAttemptGate
    {
        Task WaitAsync(string operation, CancellationToken cancellationToken);

        void OnCompleted(AttemptEventArgs attempt);
    }
}
