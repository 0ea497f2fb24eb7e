using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ConnectTools.Pacing;
using ConnectTools.Client;
using ConnectTools.Commands.Completers;
using ConnectTools.Enumeration;

namespace ConnectTools.Commands
{
    /// <summary>
    /// The shared base of the ConnectTools cmdlets: the AWS Tools common parameters (same names and aliases) and the
    /// CLI's connection options, and the few calls the cmdlets make on them. The work is done beside it, one job a file:
    /// <see cref="CmdletSession"/> (settings and one client per Region), <see cref="CommandRegions"/> (the Region of each
    /// call), <see cref="OutputPreferences"/> and <see cref="ClientMessages"/> (-Verbose, -Debug, progress),
    /// <see cref="PipedDescriber"/> (ids piped one record at a time), <see cref="ListingWriter"/> (listings), and
    /// <see cref="ConnectCancellableCmdlet"/> (Ctrl+C and error writing).
    /// </summary>
    public abstract class ConnectCmdletBase : ConnectCancellableCmdlet
    {
        private OutputPreferences? _output;
        private ClientMessages? _messages;
        private CommandRegions? _regions;
        private CmdletSession? _session;
        private PipedDescriber? _piped;

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

        /// <summary>New listing options for this command's calls, with -MaxRequestRate (checked in BeginProcessing).</summary>
        protected ListingOptions NewListingOptions(int throttleLimit, bool firstPageOnly = false) =>
            new ListingOptions { ThrottleLimit = throttleLimit, FirstPageOnly = firstPageOnly, MaxRequestRate = MaxRequestRate };

        protected override void BeginProcessing()
        {
            try
            {
                _regions = CommandRegions.FromCommandLine(MyInvocation.BoundParameters.ContainsKey("Region"), Region, MyInvocation.MyCommand.Name);
            }
            catch (ConnectInputException e)
            {
                ThrowTerminatingError(ErrorMapping.ToRecord(e, Region, ""));
            }
            if (MaxRequestRate is double rate)
            {
                try { _ = new RequestRateCap(rate); }
                catch (ConnectInputException e) { ThrowTerminatingError(ErrorMapping.ToRecord(e, rate, "")); }
            }
            _output = new OutputPreferences(this);
        }

        protected override void EndProcessing()
        {
            // Results of calls started for piped ids that have not been written yet, in input order.
            if (_piped != null) Guard(_piped.Finish, null, _piped.NotFoundId);
            DrainMessages();
        }

        protected override void Dispose(bool disposing)
        {
            if (!disposing) return;
            _piped?.Dispose();
            _messages?.Dispose();
        }

        /// <summary>Writes a verbose message (not with -Debug alone: see <see cref="OutputPreferences"/>).</summary>
        protected void Say(string message)
        {
            if (!Output.VerboseOff) WriteVerbose(message);
        }

        /// <summary>Writes queued debug and credential messages; only on the pipeline thread.</summary>
        protected void DrainMessages() => Messages.Drain(Say, WriteDebug);

        /// <summary>True when $ProgressPreference lets progress show.</summary>
        protected bool ProgressVisible => Output.ProgressVisible;

        /// <summary>The Region for one item, and where it came from (see <see cref="CommandRegions.For"/>).</summary>
        protected (string? Region, string? Source) RegionFor(ConnectArn? arn, string arnParameter, string? carried = null, string? carriedSource = null) =>
            Regions.For(arn, arnParameter, carried, carriedSource, Region);

        /// <summary>The client for a Region (null: the default Region), from the command's one session.</summary>
        protected ConnectClient ClientFor((string? Region, string? Source) choice) => Session.ClientFor(choice);

        /// <summary>The client for an instance: in -Region, else its ARN's Region or the one it carries, else the default.</summary>
        protected ConnectClient ClientFor(ConnectInstanceIdentity instance) =>
            ClientFor(RegionFor(instance.Arn, "InstanceId", instance.Region, instance.RegionSource));

        /// <summary>
        /// The client for a DescribeUser call: a user ARN's Region (it must agree with -Region), else the instance's or
        /// the user object's, else the default.
        /// </summary>
        protected ConnectClient ClientFor(ConnectUserIdentity user, ConnectInstanceIdentity? instance) =>
            ClientFor(user.Arn != null
                ? RegionFor(user.Arn, "UserId", null, user.RegionSource)
                : RegionFor(instance?.Arn, "InstanceId", instance?.Region ?? user.Region, instance?.RegionSource ?? user.RegionSource));

        /// <summary>The Regions to list in when -Region names several or '*'; null for one Region (the usual rules).</summary>
        protected IReadOnlyList<string>? RegionsToList() => Regions.Several ? Session.RegionsToList(Regions.Given!) : null;

        /// <summary>Starts a describe call for an id given on the pipeline (see <see cref="PipedDescriber"/>).</summary>
        protected void DescribePiped<T>(string id, Func<CancellationToken, Task<T>> call, int throttleLimit, string notFoundId) where T : class
        {
            _piped ??= new PipedDescriber(NewListingOptions(throttleLimit), CancelToken, WriteObject, WriteItemError, DrainMessages);
            _piped.Add(id, call, notFoundId);
        }

        /// <summary>
        /// Writes a listing as it arrives, with progress under <paramref name="activity"/>: <paramref name="list"/> gets
        /// the monitor and the idle callback to pass to the core. Returns the monitor once everything is written.
        /// </summary>
        protected ListingMonitor WriteListing<T>(string activity, Func<ListingMonitor, Action, IEnumerable<ListingResult<T>>> list, string notFoundId)
        {
            var writer = new ListingWriter(activity, ProgressVisible, Say, WriteProgress, DrainMessages);
            writer.Write(list(writer.Monitor, writer.Idle), value => WriteObject(value), (e, id) => WriteItemError(e, id, notFoundId));
            return writer.Monitor;
        }

        private OutputPreferences Output => _output ??= new OutputPreferences(this);

        private ClientMessages Messages => _messages ??= new ClientMessages(Output.DebugOn);

        private CommandRegions Regions => _regions ??= CommandRegions.FromCommandLine(false, null, MyInvocation.MyCommand.Name);

        private CmdletSession Session => _session ??= CmdletSession.Open(this, Say, Messages);
    }
}
