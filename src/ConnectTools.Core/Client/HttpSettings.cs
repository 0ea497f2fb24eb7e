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

        internal string Key => string.Join("|", SkipCertificateCheck, CaBundle, ConnectTimeout, ReadTimeout, MaxConnections);
    }
}
