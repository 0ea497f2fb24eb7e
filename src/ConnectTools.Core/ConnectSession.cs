using System;
using System.Collections.Generic;
using ConnectTools.Auth;
using ConnectTools.Client;

namespace ConnectTools
{
    /// <summary>
    /// The one way into Connect for the cmdlets, the -InstanceId completer and the benchmark. What the caller gave
    /// (the AWS Tools common parameters and the session's stored credentials and Region, as plain values or objects of
    /// any AWSSDK.Core copy, and the HTTP options) goes in; a ready client per Region comes out, made once and cached.
    /// Every step of the resolution (where the credentials and the Region came from, the endpoint, retries, TLS) is
    /// reported to the verbose callback, never a secret. Nothing here is an AWSSDK type, so a caller outside
    /// ConnectTools' load context can use it.
    /// </summary>
    public sealed class ConnectSession
    {
        private readonly AwsSettings _settings;
        private readonly HttpSettings _http;
        private readonly Action<string> _verbose;
        private readonly bool _shareClients;
        private readonly Dictionary<string, ConnectClient> _clients = new Dictionary<string, ConnectClient>(StringComparer.Ordinal);

        /// <summary>
        /// Checks the options that need no call (the endpoint URL, the CA bundle file) now, so bad input is an error
        /// before any request. <paramref name="shareClients"/>: reuse clients (and their connections and rate gates)
        /// across sessions with the same settings, as PowerShell commands in one process do; false gives this session
        /// clients of its own (tests, the benchmark's cold runs).
        /// </summary>
        public ConnectSession(AwsSettings settings, HttpSettings? http = null, Action<string>? verbose = null, bool shareClients = true)
        {
            _settings = settings ?? throw new ArgumentNullException(nameof(settings));
            _http = http ?? new HttpSettings();
            _verbose = verbose ?? (_ => { });
            _shareClients = shareClients;
            if (!string.IsNullOrEmpty(settings.EndpointUrl)) ConnectClientFactory.CheckEndpointUrl(settings.EndpointUrl!);
            else Map = RegionEndpoints.FromEnvironment(settings.Environment);
            if (_http.CaBundle != null) TlsTrust.LoadBundle(_http.CaBundle);
        }

        /// <summary>The Region the settings resolve to without a Region of their own ($StoredAWSRegion, the profile, AWS_REGION, ...).</summary>
        public string DefaultRegion() => AwsResolver.Resolve(_settings.ForRegion(_settings.Region), _verbose).Region;

        /// <summary>CONNECTTOOLS_ENDPOINT_URLS, a custom endpoint per Region, when no endpoint URL is given (else null).</summary>
        public RegionEndpoints? Map { get; }

        /// <summary>True when TLS certificates are not verified (the caller should warn).</summary>
        public bool SkipsCertificateCheck => _http.SkipCertificateCheck;

        /// <summary>
        /// The client for <paramref name="region"/> (null: the Region the settings resolve to: -Region,
        /// $StoredAWSRegion, the profile, the environment, instance metadata). Credentials and Region are resolved on the
        /// first call for each Region; a resolution problem is a <see cref="ConnectConfigurationException"/> that says
        /// how to fix it.
        /// </summary>
        public ConnectClient ClientFor(string? region = null, string? regionSource = null)
        {
            string key = region ?? "";
            lock (_clients)
            {
                if (_clients.TryGetValue(key, out var existing)) return existing;
            }

            var settings = _settings.ForRegion(region ?? _settings.Region);
            if (region != null && regionSource != null) settings.RegionSource = regionSource;
            string? endpoint = string.IsNullOrEmpty(settings.EndpointUrl) ? Map?.For(region) : settings.EndpointUrl;
            settings.EndpointUrl = endpoint;
            var aws = AwsResolver.Resolve(settings, _verbose);
            if (endpoint == null && Map?.For(aws.Region) is string mapped) endpoint = mapped; // the default Region's entry
            if (endpoint != null && Map != null)
                _verbose("Endpoint for " + aws.Region + ": " + endpoint + " (" + RegionEndpoints.VariableName + ").");
            var options = new ClientOptions(aws, endpoint, _http, settings.Environment);
            var client = _shareClients ? ConnectClientFactory.Get(options, _verbose) : ConnectClientFactory.Create(options, _verbose);
            lock (_clients)
            {
                if (_clients.TryGetValue(key, out var raced)) return raced;
                _clients[key] = client;
            }
            return client;
        }
    }
}
