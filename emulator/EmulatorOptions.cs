using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;

namespace ConnectTools.Emulator;

/// <summary>Which of the three wire forms an error response takes.</summary>
public enum ErrorForm
{
    /// <summary><c>X-Amzn-ErrorType: Code:http://internal.amazon.com/coral/com.amazonaws.connect/</c> header, body <c>{"Message":...}</c>.</summary>
    Header,

    /// <summary>Body <c>{"__type":"com.amazonaws.connect#Code","Message":...}</c>.</summary>
    TypeMember,

    /// <summary>Body <c>{"code":"Code","message":...}</c>.</summary>
    CodeMember,

    /// <summary>Cycle through the three forms, one error response after another.</summary>
    RoundRobin,
}

/// <summary>Whose requests share a token bucket.</summary>
public enum QuotaScope
{
    /// <summary>One bucket per operation for the whole account, like the service.</summary>
    Account,

    /// <summary>One bucket per operation and access key id.</summary>
    AccessKey,
}

/// <summary>A request-rate quota: a token bucket refilled at <see cref="RatePerSecond"/> holding at most <see cref="Burst"/> tokens.</summary>
public sealed record Quota
{
    public Quota()
    {
    }

    public Quota(double ratePerSecond, int burst)
    {
        RatePerSecond = ratePerSecond;
        Burst = burst;
    }

    /// <summary>Tokens added per second.</summary>
    public double RatePerSecond { get; set; } = 1;

    /// <summary>Bucket capacity: how many calls may be made at once after a quiet period.</summary>
    public int Burst { get; set; } = 1;
}

/// <summary>
/// Settings of a <see cref="ConnectEmulator"/>. Properties marked "live" are read on every request and may be
/// changed while the emulator runs; the others are read once by <see cref="ConnectEmulator.StartAsync"/>.
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>The access key id of the built-in demo credentials.</summary>
    public const string DemoAccessKeyId = "AKIDEMULATOR00000001";

    /// <summary>The secret of the built-in demo credentials. A throwaway value, not a secret.</summary>
    public const string DemoSecretKey = "emulator-secret-key-do-not-use";

    /// <summary>The region requests must be signed for and that ARNs name.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>The account id that ARNs name.</summary>
    public string AccountId { get; set; } = "123456789012";

    /// <summary>The TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Access key id to secret key. Copied at start.</summary>
    public IDictionary<string, string> Credentials { get; set; } =
        new Dictionary<string, string>(StringComparer.Ordinal) { [DemoAccessKeyId] = DemoSecretKey };

    /// <summary>Live. When true every request must carry a valid SigV4 signature.</summary>
    public bool RequireSignature { get; set; } = true;

    /// <summary>
    /// Live. How far a request's X-Amz-Date may be from the emulator's clock: 5 minutes, like the service. A test that
    /// needs more (a lenient emulator) sets it; nothing else should.
    /// </summary>
    public TimeSpan SignatureWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Live. How long the temporary credentials the credential endpoints issue (instance profile, container, STS, SSO)
    /// stay valid; after that the Connect endpoint answers ExpiredTokenException. Default one hour, like AssumeRole.
    /// </summary>
    public TimeSpan CredentialLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The role name the instance metadata endpoint reports.</summary>
    public string InstanceProfileRole { get; set; } = "connecttools-emulator-role";

    /// <summary>Live. The Authorization header value the container credentials endpoint requires.</summary>
    public string ContainerAuthorizationToken { get; set; } = "emulator-container-authorization-token";

    /// <summary>SSO access tokens (from a cached token file) the SSO portal endpoint accepts. Copied at start.</summary>
    public ISet<string> SsoAccessTokens { get; set; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Role ARN to the ExternalId AssumeRole must carry for it (AccessDenied otherwise). Copied at start.</summary>
    public IDictionary<string, string> RequiredExternalIds { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>A seed file (see README.md); when set, no data is generated unless <see cref="GeneratedInstances"/> is set.</summary>
    public string? SeedFile { get; set; }

    /// <summary>Instances to generate; null means 1 without a seed file and 0 with one.</summary>
    public int? GeneratedInstances { get; set; }

    /// <summary>
    /// With generated data, add two instances without users after the generated ones: one CREATION_IN_PROGRESS and one
    /// CREATION_FAILED (with a StatusReason), so listings meet every status, as in a real account. On by default; a test
    /// that needs only active instances turns it off (--active-only).
    /// </summary>
    public bool NonActiveInstances { get; set; } = true;

    /// <summary>Users per generated instance.</summary>
    public int GeneratedUsers { get; set; } = 50;

    /// <summary>Seed of data generation and of fault probabilities: the same seed gives the same data.</summary>
    public int RandomSeed { get; set; } = 42;

    /// <summary>Per-operation quotas; defaults are the service's. Read when a bucket is first needed (see <see cref="ConnectEmulator.ResetQuotas"/>).</summary>
    public IDictionary<string, Quota> Quotas { get; set; } = DefaultQuotas();

    /// <summary>Live. Turns request-rate quotas off.</summary>
    public bool DisableQuotas { get; set; }

    /// <summary>Whether buckets are per account (the service's behaviour) or per access key id.</summary>
    public QuotaScope QuotaScope { get; set; } = QuotaScope.Account;

    /// <summary>Live. Added to every response.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Live. The wire form of error responses.</summary>
    public ErrorForm ErrorForm { get; set; } = ErrorForm.RoundRobin;

    /// <summary>Live. Add members the service model does not know to responses, so clients prove they ignore them.</summary>
    public bool IncludeUnknownMembers { get; set; } = true;

    /// <summary>When set, serve HTTPS with this certificate instead of HTTP.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>
    /// Serve the admin HTTP API under <c>/_emulator/</c> (faults, stats, reset, data, users, options; see README.md).
    /// Read at start; off by default, and the routes do not exist unless it is on.
    /// </summary>
    public bool EnableAdminApi { get; set; }

    /// <summary>Receives one line per request and lifecycle events. Never receives secrets.</summary>
    public Action<string>? LogSink { get; set; }

    /// <summary>The service's default request-rate quotas.</summary>
    public static Dictionary<string, Quota> DefaultQuotas() => new(StringComparer.Ordinal)
    {
        [OperationNames.DescribeUser] = new Quota(10, 15),
        [OperationNames.ListUsers] = new Quota(10, 15),
        [OperationNames.SearchUsers] = new Quota(2, 5),
        [OperationNames.DescribeInstance] = new Quota(2, 5),
        [OperationNames.ListInstances] = new Quota(2, 5),
    };
}

/// <summary>Names of the emulated operations, as used by quotas, stats and fault rules.</summary>
public static class OperationNames
{
    public const string DescribeInstance = "DescribeInstance";
    public const string ListInstances = "ListInstances";
    public const string DescribeUser = "DescribeUser";
    public const string ListUsers = "ListUsers";
    public const string SearchUsers = "SearchUsers";

    /// <summary>Requests that match no operation.</summary>
    public const string Unknown = "Unknown";

    public static IReadOnlyList<string> All { get; } = [DescribeInstance, ListInstances, DescribeUser, ListUsers, SearchUsers];

    internal static bool IsPaged(string operation) =>
        operation is ListInstances or ListUsers or SearchUsers;
}
