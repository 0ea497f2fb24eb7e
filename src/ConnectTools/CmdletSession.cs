using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ConnectTools.Auth;
using ConnectTools.Client;

namespace ConnectTools.Commands
{
    /// <summary>
    /// The command's one <see cref="ConnectSession"/>: the common parameters, $StoredAWSCredentials and
    /// $StoredAWSRegion read once into settings, and one client per Region for the whole pipeline. -Verbose says which
    /// Region each client is and where it came from.
    /// </summary>
    internal sealed class CmdletSession
    {
        private readonly ConnectSession _session;
        private readonly Action<string> _say;
        private readonly ClientMessages _messages;
        private readonly HashSet<string> _regionsSaid = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> _regionKeys = new HashSet<string>(StringComparer.Ordinal);

        private CmdletSession(ConnectSession session, Action<string> say, ClientMessages messages)
        {
            _session = session;
            _say = say;
            _messages = messages;
        }

        /// <summary>
        /// Resolves the cmdlet's common parameters and the session variables into a session. Options that need no call
        /// (the endpoint URL, the CA bundle) are checked now; credentials and Regions when a client is first asked for.
        /// </summary>
        internal static CmdletSession Open(ConnectCmdletBase cmdlet, Action<string> say, ClientMessages messages)
        {
            var paths = cmdlet.SessionState.Path;
            var variables = cmdlet.SessionState.PSVariable;
            var http = new HttpSettings
            {
                SkipCertificateCheck = cmdlet.SkipCertificateCheck.IsPresent,
                CaBundle = string.IsNullOrEmpty(cmdlet.CaBundle) ? null : paths.GetUnresolvedProviderPathFromPSPath(cmdlet.CaBundle),
                ConnectTimeout = TimeSpan.FromSeconds(cmdlet.ConnectTimeoutSec),
                ReadTimeout = TimeSpan.FromSeconds(cmdlet.ReadTimeoutSec),
            };
            var settings = new AwsSettings
            {
                AccessKey = cmdlet.AccessKey,
                SecretKey = cmdlet.SecretKey,
                SessionToken = cmdlet.SessionToken,
                ProfileName = cmdlet.ProfileName,
                ProfileLocation = string.IsNullOrEmpty(cmdlet.ProfileLocation) ? null : paths.GetUnresolvedProviderPathFromPSPath(cmdlet.ProfileLocation),
                Credential = Unwrap(cmdlet.Credential),
                StoredCredentials = Unwrap(variables.GetValue("StoredAWSCredentials")),
                StoredRegion = Unwrap(variables.GetValue("StoredAWSRegion")) as string,
                Region = null, // given per call: -Region, an ARN's or a piped object's Region (CommandRegions.For)
                EndpointUrl = string.IsNullOrEmpty(cmdlet.EndpointUrl) ? null : cmdlet.EndpointUrl,
                NoSignRequest = cmdlet.NoSignRequest.IsPresent,
            };
            var session = new ConnectSession(settings, http, say);
            if (session.SkipsCertificateCheck)
                cmdlet.WriteWarning("-SkipCertificateCheck: TLS certificates are not verified; anyone on the network path can read and change this traffic.");
            return new CmdletSession(session, say, messages);
        }

        /// <summary>
        /// The client for a Region (null: the resolved default Region). Resolution problems are
        /// <see cref="ConnectConfigurationException"/>s, which end the command.
        /// </summary>
        internal ConnectClient ClientFor((string? Region, string? Source) choice)
        {
            string key = choice.Region ?? "";
            bool firstSaid = choice.Region != null && choice.Source != null && _regionsSaid.Add(key + "\n" + choice.Source);
            // The resolver says where the Region came from when the session first resolves it; a new source is said here.
            if (!_regionKeys.Add(key) && firstSaid) _say("Region: " + choice.Region + " (" + choice.Source + ").");
            var client = _session.ClientFor(choice.Region, choice.Source == "-Region" ? null : choice.Source);
            _messages.Watch(client);
            return client;
        }

        /// <summary>
        /// The Regions to list in, for -Region with several names or '*': '*' expands to every Region of the partition
        /// where Amazon Connect is offered (the partition of the other names given, else of the default Region), or,
        /// with CONNECTTOOLS_ENDPOINT_URLS set, to the Regions it maps.
        /// </summary>
        internal IReadOnlyList<string> RegionsToList(IReadOnlyList<string> given)
        {
            var list = given.Where(r => r != "*").ToList();
            if (!given.Contains("*")) return list;
            IEnumerable<string> all;
            string from;
            if (_session.Map is RegionEndpoints map)
            {
                all = map.Regions.OrderBy(r => r, StringComparer.Ordinal);
                from = "the Regions " + RegionEndpoints.VariableName + " maps";
            }
            else
            {
                string partition = ConnectRegions.PartitionOf(list.Count > 0 ? list[0] : _session.DefaultRegion());
                all = ConnectRegions.ConnectRegionsOf(partition);
                from = "the Regions of partition " + partition + " where Amazon Connect is offered (" + ConnectRegions.Source + ")";
            }
            foreach (var r in all)
                if (!list.Contains(r)) list.Add(r);
            _say("Region *: " + string.Join(", ", list) + " (" + from + ").");
            return list;
        }

        /// <summary>The object a PSObject wraps (what PowerShell passes for values from the pipeline or a hashtable).</summary>
        internal static object? Unwrap(object? value) => value is PSObject pso ? pso.BaseObject : value;
    }
}
