using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using ConnectTools.Pacing;
using ConnectTools.Client;

namespace ConnectTools.Commands
{
    /// <summary>
    /// What the command's clients report from any thread (each HTTP attempt for -Debug; each credential fetch and
    /// refresh for -Verbose and -Debug, also in the middle of a long listing), queued until the pipeline thread writes it.
    /// </summary>
    internal sealed class ClientMessages : IDisposable
    {
        private readonly bool _debugOn;
        private readonly HashSet<ConnectClient> _seen = new HashSet<ConnectClient>();
        private readonly ConcurrentQueue<string> _attempts = new ConcurrentQueue<string>();
        private readonly ConcurrentQueue<string> _credentials = new ConcurrentQueue<string>();

        internal ClientMessages(bool debugOn)
        {
            _debugOn = debugOn;
        }

        /// <summary>Listens to a client the command uses (once per client).</summary>
        internal void Watch(ConnectClient client)
        {
            if (!_seen.Add(client)) return;
            if (_debugOn) client.AttemptCompleted += OnAttempt;
            client.CredentialsFetched += OnCredentialsFetched;
        }

        /// <summary>Writes the queued messages; only on the pipeline thread.</summary>
        internal void Drain(Action<string> say, Action<string> writeDebug)
        {
            while (_credentials.TryDequeue(out var message))
            {
                say(message);
                if (_debugOn) writeDebug(message);
            }
            while (_attempts.TryDequeue(out var message)) writeDebug(message);
        }

        public void Dispose()
        {
            foreach (var client in _seen)
            {
                if (_debugOn) client.AttemptCompleted -= OnAttempt;
                client.CredentialsFetched -= OnCredentialsFetched;
            }
            _seen.Clear();
        }

        private void OnAttempt(object? sender, AttemptEventArgs a)
        {
            string status = a.StatusCode == 0 ? "no response (" + a.ErrorCode + ")" : "HTTP " + a.StatusCode + (a.ErrorCode == null ? "" : " " + a.ErrorCode);
            _attempts.Enqueue($"{a.Operation}{(a.ResourceId == null ? "" : " " + a.ResourceId)} attempt {a.Attempt}: {status} in {a.Elapsed.TotalMilliseconds:0} ms" +
                              (a.RequestId == null ? "" : ", request id " + a.RequestId));
        }

        private void OnCredentialsFetched(string message) => _credentials.Enqueue(message);
    }
}
