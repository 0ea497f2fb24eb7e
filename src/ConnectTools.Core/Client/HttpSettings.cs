using System;

namespace ConnectTools.Client
{
    /// <summary>HTTP settings of one client: the CLI's --no-verify-ssl, --ca-bundle, --cli-connect-timeout, --cli-read-timeout.</summary>
    public sealed class HttpSettings
    {
        public bool SkipCertificateCheck { get; set; }

        /// <summary>A PEM or DER file of CA certificates to trust in addition to the system's.</summary>
        public string? CaBundle { get; set; }

        /// <summary>Null: the default (60 s, like the CLI); zero: no limit.</summary>
        public TimeSpan? ConnectTimeout { get; set; }

        /// <summary>Null: the default (60 s, like the CLI); zero: no limit.</summary>
        public TimeSpan? ReadTimeout { get; set; }

        public int MaxConnections { get; set; } = 64;

        /// <summary>
        /// In place of the sockets: the warm-up's in-memory transport (<see cref="WarmUp.CannedConnectHandler"/>). A client on
        /// it has a rate gate of its own, outside the process's, and is never cached.
        /// </summary>
        internal System.Net.Http.HttpMessageHandler? Transport { get; set; }

#if NET
        /// <summary>In place of the sockets' connections: the warm-up's in-memory ones (<see cref="WarmUp.CannedHttpConnection"/>).</summary>
        internal Func<System.Net.Http.SocketsHttpConnectionContext, System.Threading.CancellationToken, System.Threading.Tasks.ValueTask<System.IO.Stream>>? ConnectCallback { get; set; }

        internal bool InMemory => Transport != null || ConnectCallback != null;
#else
        internal bool InMemory => Transport != null;
#endif

        internal string Key => string.Join("|", SkipCertificateCheck, CaBundle, ConnectTimeout, ReadTimeout, MaxConnections);
    }
}
