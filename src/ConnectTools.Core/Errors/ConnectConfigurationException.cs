using System;

namespace ConnectTools
{
    /// <summary>A problem with the caller's configuration (region, credentials, endpoint, TLS), found before any call.</summary>
    public sealed class ConnectConfigurationException : Exception
    {
        public ConnectConfigurationException(string message, Exception? inner = null) : base(message, inner) { }

        /// <summary>The input at fault (a parameter name), when one is.</summary>
        public string? InputName { get; set; }
    }
}
