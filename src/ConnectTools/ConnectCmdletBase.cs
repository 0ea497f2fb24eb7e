using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ConnectTools.Auth;
using ConnectTools.Client;
using ConnectTools.Commands.Completers;
using ConnectTools.Enumeration;

namespace ConnectTools.Commands
{
    /// <summary>
    /// The shared base of the ConnectTools cmdlets: the AWS Tools common parameters (same names and aliases), the
    /// CLI's connection options, cancellation on Ctrl+C, one client per Region for the whole pipeline, and the mapping
    /// of errors to ErrorRecords.
    /// </summary>
    public abstract class ConnectCmdletBase : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        private readonly HashSet<ConnectClient> _seenClients = new HashSet<ConnectClient>();
        private readonly ConcurrentQueue<string> _debugMessages = new ConcurrentQueue<string>();
        private readonly List<ConnectClient> _watched = new List<ConnectClient>();
        private readonly ConcurrentQueue<string> _credentialMessages = new ConcurrentQueue<string>();
        private readonly List<ConnectClient> _observed = new List<ConnectClient>();
        private bool _debugOn;
        private bool _verboseOff;
        private ConnectSession? _session;

        /// <summary>
        /// The AWS Region(s) to call (alias RegionToCall). Overrides $StoredAWSRegion, the profile and AWS_REGION. Bound
        /// by property name too, so a piped object's Region is used when -Region is not on the command line. Several
        /// names, or *, list instances in each Region (Get-ConnectInstance).
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("RegionToCall")]
        [ArgumentCompleter(typeof(RegionCompleter))]
        [SupportsWildcards]
        public string[]? Region { get; set; }

        [Parameter]
        [Alias("AK")]
        public string? AccessKey { get; set; }

        [Parameter]
        [Alias("SK", "SecretAccessKey")]
        public string? SecretKey { get; set; }

        [Parameter]
        [Alias("ST")]
        public string? SessionToken { get; set; }

        [Parameter]
        [Alias("StoredCredentials", "AWSProfileName", "Profile")]
        public string? ProfileName { get; set; }

        [Parameter]
        [Alias("AWSProfilesLocation", "ProfilesLocation")]
        public string? ProfileLocation { get; set; }

        /// <summary>
        /// An AWSCredentials object of any AWSSDK.Core copy (for example from AWS Tools' Get-AWSCredential), or a
        /// PSCredential: user name = access key id, password = secret key. Typed object: ConnectTools' own AWSSDK.Core
        /// lives in a private load context, so no AWSCredentials type would accept them all.
        /// </summary>
        [Parameter]
        public object? Credential { get; set; }

        [Parameter]
        public string? EndpointUrl { get; set; }

        /// <summary>Do not verify TLS certificates (the CLI's --no-verify-ssl).</summary>
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>A PEM or DER file of CA certificates to trust (the CLI's --ca-bundle).</summary>
        [Parameter]
        public string? CaBundle { get; set; }

        /// <summary>Seconds to wait for a connection; 0 waits without limit (the CLI's --cli-connect-timeout). Default 60.</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int ConnectTimeoutSec { get; set; } = 60;

        /// <summary>Seconds to wait for a response; 0 waits without limit (the CLI's --cli-read-timeout). Default 60.</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int ReadTimeoutSec { get; set; } = 60;

        /// <summary>Send unsigned requests; load no credentials (the CLI's --no-sign-request).</summary>
        [Parameter]
        public SwitchParameter NoSignRequest { get; set; }

        /// <summary>
        /// At most this many calls a second of each API (DescribeUser, SearchUsers, ...) per account and Region, for this
        /// command's calls, on top of the quota's pace; leaves the rest of the quota to other tools. Default: the whole quota.
        /// </summary>
        [Parameter]
        public double? MaxRequestRate { get; set; }

        protected CancellationToken CancelToken => _cancel.Token;

        /// <summary>New listing options with -MaxRequestRate (checked in BeginProcessing).</summary>
        protected ListingOptions NewListingOptions(int throttleLimit, bool firstPageOnly = false) =>
            new ListingOptions { ThrottleLimit = throttleLimit, FirstPageOnly = firstPageOnly, MaxRequestRate = MaxRequestRate };

        protected override void BeginProcessing()
        {
            // PowerShell makes -Debug alone turn a compiled cmdlet's verbose messages into prompts (Inquire), which
            // stops a runbook with "NonInteractive mode" errors; -Debug without -Verbose therefore leaves them out.
            _regionOnCommandLine = MyInvocation.BoundParameters.ContainsKey("Region");
            if (_regionOnCommandLine)
            {
                try
                {
                    _commandRegions = CheckCommandRegions(Region);
                }
                catch (ConnectInputException e)
                {
                    ThrowTerminatingError(ErrorMapping.ToRecord(e, Region, ""));
                }
            }
            if (MaxRequestRate is double rate)
            {
                try { _ = new RequestRateCap(rate); }
                catch (ConnectInputException e) { ThrowTerminatingError(ErrorMapping.ToRecord(e, rate, "")); }
            }
            _verboseOff = MyInvocation.BoundParameters.ContainsKey("Debug") && !MyInvocation.BoundParameters.ContainsKey("Verbose");
            _debugOn = MyInvocation.BoundParameters.ContainsKey("Debug")
                ? ((SwitchParameter)MyInvocation.BoundParameters["Debug"]).IsPresent
                : Preference("DebugPreference") is ActionPreference d && d != ActionPreference.SilentlyContinue && d != ActionPreference.Ignore;
        }

        protected override void StopProcessing() => _cancel.Cancel();

        /// <summary>Writes a verbose message (see BeginProcessing for when it does not).</summary>
        protected void Say(string message)
        {
            if (!_verboseOff) WriteVerbose(message);
        }

        protected override void EndProcessing()
        {
            // Results of calls started for piped ids that have not been written yet, in input order.
            if (_piped != null) Guard(() => _piped.Finish(DeliverPiped, DrainMessages), null, _pipedNotFoundId);
            DrainMessages();
        }

        private OrderedCalls<object>? _piped;
        private string _pipedNotFoundId = "";

        /// <summary>
        /// Starts a describe call for an id given on the pipeline. Calls run concurrently across records (up to
        /// <paramref name="throttleLimit"/>); results are written in input order, during later records and at the end.
        /// </summary>
        protected void DescribePiped<T>(string id, Func<CancellationToken, Task<T>> call, int throttleLimit, string notFoundId) where T : class
        {
            _pipedNotFoundId = notFoundId;
            _piped ??= new OrderedCalls<object>(NewListingOptions(throttleLimit), new ListingMonitor(), CancelToken);
            _piped.Add(id, async ct => (object)await call(ct).ConfigureAwait(false), DeliverPiped, DrainMessages);
        }

        private void DeliverPiped(ListingResult<object> result)
        {
            DrainMessages();
            if (result.Error != null) WriteItemError(result.Error, result.Id, _pipedNotFoundId);
            else WriteObject(result.Value);
        }

        public void Dispose()
        {
            // Whatever still runs (the command was stopped, or a later command stopped reading) is cancelled and awaited.
            _cancel.Cancel();
            _piped?.Dispose();
            foreach (var client in _watched) client.AttemptCompleted -= OnAttempt;
            _watched.Clear();
            foreach (var client in _observed) client.CredentialsFetched -= OnCredentialsFetched;
            _observed.Clear();
            _cancel.Dispose();
            GC.SuppressFinalize(this);
        }

        private bool _regionOnCommandLine;
        private IReadOnlyList<string>? _commandRegions;
        private readonly HashSet<string> _regionsSaid = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> _regionKeys = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>The Regions given on the command line, checked (empty values, typos); '*' is kept as is. Null when none.</summary>
        protected IReadOnlyList<string>? CommandRegions => _commandRegions;

        private static IReadOnlyList<string> CheckCommandRegions(string[]? values)
        {
            if (values == null || values.Length == 0)
                throw new ConnectInputException("Region", "-Region is empty. Give a Region name such as us-east-1, or leave -Region out to use the default Region.");
            var list = new List<string>();
            foreach (var value in values)
            {
                string v = value?.Trim() ?? "";
                if (v == "*") { if (!list.Contains("*")) list.Add("*"); continue; }
                string region = ConnectRegions.Check(value, "Region", "-Region");
                if (!list.Contains(region)) list.Add(region);
            }
            return list;
        }

        /// <summary>
        /// The Region for one item, and where it came from: -Region on the command line (it must agree with an ARN),
        /// else the ARN's Region, else the Region the item carries (a piped object's Region or Arn), else null (the
        /// default Region: $StoredAWSRegion, the profile, AWS_REGION...).
        /// </summary>
        protected (string? Region, string? Source) RegionFor(ConnectArn? arn, string arnParameter, string? carried = null, string? carriedSource = null)
        {
            if (_regionOnCommandLine)
            {
                var regions = _commandRegions!;
                if (regions.Count != 1 || regions[0] == "*")
                    throw new ConnectInputException("Region",
                        "-Region names several Regions (or *), which only Get-ConnectInstance without -InstanceId takes (to list the instances of each Region). " +
                        "Give one Region here, or pipe the instances in: Get-ConnectInstance -Region " + string.Join(",", regions) + " | " + MyInvocation.MyCommand.Name + ".");
                ResourceIds.RegionFromArn(arn, regions[0], arnParameter);
                return (regions[0], "-Region");
            }
            if (arn != null) return (arn.Region, carriedSource ?? "the ARN given to -" + arnParameter);
            if (!string.IsNullOrWhiteSpace(carried))
                return (ConnectRegions.Check(carried, "Region", carriedSource ?? "the piped object's Region"), carriedSource);
            // -Region bound from a piped object's Region property (reset by PowerShell for every record).
            var piped = Region?.FirstOrDefault(r => !string.IsNullOrWhiteSpace(r));
            if (piped != null) return (ConnectRegions.Check(piped, "Region", "the Region property of the piped object"), "the Region property of the piped object");
            return (null, null);
        }

        /// <summary>The client for an ARN's Region, or the Region -Region or the piped object gives, else the default Region.</summary>
        protected ConnectClient ClientFor(ConnectArn? arn, string arnParameter) => ClientFor(RegionFor(arn, arnParameter));

        /// <summary>
        /// The client for a Region (null: the resolved default Region), from the command's one <see cref="ConnectSession"/>. -Verbose says
        /// which Region each is and where it came from. Resolution problems end the command with one terminating error.
        /// </summary>
        protected ConnectClient ClientFor((string? Region, string? Source) choice)
        {
            string key = choice.Region ?? "";
            bool firstSaid = choice.Region != null && choice.Source != null && _regionsSaid.Add(key + "\n" + choice.Source);
            // The resolver says where the Region came from when the session first resolves it; a new source is said here.
            if (!_regionKeys.Add(key) && firstSaid) Say("Region: " + choice.Region + " (" + choice.Source + ").");
            var client = Session().ClientFor(choice.Region, choice.Source == "-Region" ? null : choice.Source);
            if (_seenClients.Add(client))
            {
                if (_debugOn)
                {
                    client.AttemptCompleted += OnAttempt;
                    _watched.Add(client);
                }
                // Credentials the SDK fetches and refreshes (instance profile, container, STS, SSO, credential_process):
                // each fetch is told in -Verbose and -Debug, also when it happens in the middle of a long listing.
                client.CredentialsFetched += OnCredentialsFetched;
                _observed.Add(client);
            }
            return client;
        }

        /// <summary>
        /// The Regions to list in: null for one Region (the usual rules), else the Regions of -Region with * expanded to
        /// every Region of the partition where Amazon Connect is offered (the partition of the other names given, else
        /// of the default Region), or, with CONNECTTOOLS_ENDPOINT_URLS set, to the Regions it maps.
        /// </summary>
        protected IReadOnlyList<string>? RegionsToList()
        {
            var given = _commandRegions;
            if (!_regionOnCommandLine || given == null || (given.Count == 1 && given[0] != "*")) return null;
            var list = given.Where(r => r != "*").ToList();
            if (given.Contains("*"))
            {
                var map = Session().Map;
                IEnumerable<string> all;
                string from;
                if (map != null)
                {
                    all = map.Regions.OrderBy(r => r, StringComparer.Ordinal);
                    from = "the Regions " + RegionEndpoints.VariableName + " maps";
                }
                else
                {
                    string partition = list.Count > 0 ? ConnectRegions.PartitionOf(list[0]) : ConnectRegions.PartitionOf(DefaultRegion());
                    all = ConnectRegions.ConnectRegionsOf(partition);
                    from = "the Regions of partition " + partition + " where Amazon Connect is offered (" + ConnectRegions.Source + ")";
                }
                foreach (var r in all)
                    if (!list.Contains(r)) list.Add(r);
                Say("Region *: " + string.Join(", ", list) + " (" + from + ").");
            }
            return list;
        }

        /// <summary>The resolved default Region (no -Region): $StoredAWSRegion, the profile, AWS_REGION, ...</summary>
        protected string DefaultRegion() => Session().DefaultRegion();

        /// <summary>The command's session: the common parameters and $StoredAWSCredentials/$StoredAWSRegion, read once.</summary>
        private ConnectSession Session()
        {
            if (_session != null) return _session;
            var http = new HttpSettings
            {
                SkipCertificateCheck = SkipCertificateCheck.IsPresent,
                CaBundle = string.IsNullOrEmpty(CaBundle) ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(CaBundle),
                ConnectTimeout = TimeSpan.FromSeconds(ConnectTimeoutSec),
                ReadTimeout = TimeSpan.FromSeconds(ReadTimeoutSec),
            };
            var settings = new AwsSettings
            {
                AccessKey = AccessKey,
                SecretKey = SecretKey,
                SessionToken = SessionToken,
                ProfileName = ProfileName,
                ProfileLocation = string.IsNullOrEmpty(ProfileLocation) ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(ProfileLocation),
                Credential = Unwrap(Credential),
                StoredCredentials = Unwrap(SessionState.PSVariable.GetValue("StoredAWSCredentials")),
                StoredRegion = Unwrap(SessionState.PSVariable.GetValue("StoredAWSRegion")) as string,
                Region = null, // given per call: -Region, an ARN's or a piped object's Region (RegionFor)
                EndpointUrl = string.IsNullOrEmpty(EndpointUrl) ? null : EndpointUrl,
                NoSignRequest = NoSignRequest.IsPresent,
            };
            _session = new ConnectSession(settings, http, Say);
            if (_session.SkipsCertificateCheck)
                WriteWarning("-SkipCertificateCheck: TLS certificates are not verified; anyone on the network path can read and change this traffic.");
            return _session;
        }

        private static object? Unwrap(object? value) => value is PSObject pso ? pso.BaseObject : value;

        private void OnAttempt(object? sender, AttemptEventArgs a)
        {
            string status = a.StatusCode == 0 ? "no response (" + a.ErrorCode + ")" : "HTTP " + a.StatusCode + (a.ErrorCode == null ? "" : " " + a.ErrorCode);
            _debugMessages.Enqueue($"{a.Operation}{(a.ResourceId == null ? "" : " " + a.ResourceId)} attempt {a.Attempt}: {status} in {a.Elapsed.TotalMilliseconds:0} ms" +
                                   (a.RequestId == null ? "" : ", request id " + a.RequestId));
        }

        private void OnCredentialsFetched(string message) => _credentialMessages.Enqueue(message);

        /// <summary>Writes queued debug and credential messages; only on the pipeline thread.</summary>
        protected void DrainMessages()
        {
            while (_credentialMessages.TryDequeue(out var message))
            {
                Say(message);
                if (_debugOn) WriteDebug(message);
            }
            while (_debugMessages.TryDequeue(out var message)) WriteDebug(message);
        }

        /// <summary>
        /// Runs one unit of work, turning what it throws into the right ErrorRecord: input errors and per-item service
        /// errors are non-terminating; configuration and authentication errors end the command.
        /// </summary>
        protected void Guard(Action work, object? target, string notFoundId)
        {
            try
            {
                work();
            }
            catch (Exception e) when (IsCancellation(e))
            {
                throw new PipelineStoppedException();
            }
            catch (Exception e) when (ErrorMapping.IsTerminating(e))
            {
                ThrowTerminatingError(ErrorMapping.ToRecord(e, target, notFoundId));
            }
            catch (Exception e) when (ErrorMapping.IsMapped(e))
            {
                WriteError(ErrorMapping.ToRecord(e, target, notFoundId));
            }
        }

        /// <summary>Writes the error for one item of a listing (non-terminating unless it is an authentication failure).</summary>
        protected void WriteItemError(Exception e, object? target, string notFoundId)
        {
            if (ErrorMapping.IsTerminating(e)) ThrowTerminatingError(ErrorMapping.ToRecord(e, target, notFoundId));
            WriteError(ErrorMapping.ToRecord(e, target, notFoundId));
        }

        private bool IsCancellation(Exception e) =>
            _cancel.IsCancellationRequested && (e is OperationCanceledException || e is AggregateException || e.InnerException is OperationCanceledException);

        /// <summary>True when $ProgressPreference lets progress show (so hidden progress costs nothing).</summary>
        protected bool ProgressVisible =>
            !(Preference("ProgressPreference") is ActionPreference p) || (p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore);

        /// <summary>A preference variable as the caller's scope sees it; a plain string ('Continue') counts too.</summary>
        private ActionPreference? Preference(string name)
        {
            object? value = GetVariableValue(name);
            if (value is PSObject pso) value = pso.BaseObject;
            if (value is ActionPreference preference) return preference;
            return value != null && Enum.TryParse(value.ToString(), ignoreCase: true, out ActionPreference parsed) ? parsed : (ActionPreference?)null;
        }
    }
}
