using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ConnectTools.Emulator;

/// <summary>
/// An Amazon Connect emulator on 127.0.0.1 speaking the restJson1 wire protocol of DescribeInstance, ListInstances,
/// DescribeUser, ListUsers and SearchUsers, with SigV4 verification, quotas and fault injection.
/// </summary>
public sealed class ConnectEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly QuotaManager _quotas;
    private readonly CancellationTokenSource _stopping;
    private int _stopped;

    private ConnectEmulator(WebApplication app, Uri url, EmulatorOptions options, EmulatorData data, FaultInjector faults, EmulatorStats stats, QuotaManager quotas, CancellationTokenSource stopping)
    {
        _app = app;
        Url = url;
        Options = options;
        Data = data;
        Faults = faults;
        Stats = stats;
        _quotas = quotas;
        _stopping = stopping;
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:54321/</c>; use it as the client's endpoint URL.</summary>
    public Uri Url { get; }

    public EmulatorOptions Options { get; }

    /// <summary>The instances and users served; may be changed at any time.</summary>
    public EmulatorData Data { get; }

    public FaultInjector Faults { get; }

    public EmulatorStats Stats { get; }

    /// <summary>The temporary credentials the credential endpoints issued (see <see cref="CredentialEndpoints"/>).</summary>
    public IssuedCredentials Issued { get; private init; } = new();

    /// <summary>Starts an emulator; it listens until <see cref="StopAsync"/> or disposal.</summary>
    public static async Task<ConnectEmulator> StartAsync(EmulatorOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);

        var data = new EmulatorData(options.Region, options.AccountId);
        if (options.SeedFile is { } seedFile)
        {
            SeedLoader.Load(seedFile, data);
        }

        var generated = options.GeneratedInstances ?? (options.SeedFile is null ? 1 : 0);
        for (var i = 0; i < generated; i++)
        {
            data.AddGeneratedInstance(options.GeneratedUsers, options.RandomSeed);
        }

        if (generated > 0 && options.NonActiveInstances)
        {
            // Like an account where one instance is still being created and one failed: every status a client meets.
            var creating = data.AddGeneratedInstance(0, options.RandomSeed);
            creating.InstanceStatus = "CREATION_IN_PROGRESS";
            creating.InstanceAlias = "emulator-creating";
            var failed = data.AddGeneratedInstance(0, options.RandomSeed);
            failed.InstanceStatus = "CREATION_FAILED";
            failed.InstanceAlias = "emulator-failed";
            failed.StatusReason = new InstanceStatusReason { Message = "The service-linked role could not be created: access denied." };
        }

        var secrets = new Dictionary<string, string>(options.Credentials, StringComparer.Ordinal);
        var stats = new EmulatorStats();
        var faults = new FaultInjector(options.RandomSeed);
        var quotas = new QuotaManager(options);
        var stopping = new CancellationTokenSource();
        var issued = new IssuedCredentials();
        var verifier = new SigV4Verifier(secrets, options.Region, SigV4Verifier.Service, issued, () => options.SignatureWindow);
        var pipeline = new RequestPipeline(options, data, stats, faults, verifier, quotas, stopping.Token);
        // The stand-ins of instance metadata, container credentials, STS and the SSO portal (none shares a Connect route).
        var credentialEndpoints = new CredentialEndpoints(options, issued, secrets);

        var app = Build(options);
        AdminApi? admin = options.EnableAdminApi ? new AdminApi(options, data, stats, faults, quotas, issued) : null;
        // Admin requests are served before the pipeline: no signature, no stats, no quotas.
        ((IApplicationBuilder)app).Run(http =>
            admin is not null && AdminApi.IsAdminPath(http.Request.Path) ? admin.HandleAsync(http)
            : CredentialEndpoints.Handles(http.Request) ? credentialEndpoints.HandleAsync(http)
            : pipeline.HandleAsync(http));
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            stopping.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no listening address.");
        var url = new Uri(address.TrimEnd('/') + "/");
        options.LogSink?.Invoke($"ConnectTools.Emulator listening on {url} (region {options.Region}, {data.Instances.Count} instance(s), {data.Instances.Sum(i => i.UserCount)} user(s))");
        return new ConnectEmulator(app, url, options, data, faults, stats, quotas, stopping) { Issued = issued };
    }

    /// <summary>Refills every quota bucket and rereads <see cref="EmulatorOptions.Quotas"/>.</summary>
    public void ResetQuotas() => _quotas.Reset();

    /// <summary>Stops listening; in-flight requests get a short grace period.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _stopping.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static WebApplication Build(EmulatorOptions options)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ConnectEmulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // In-process use must not take over Ctrl+C or print host banners: no console lifetime, no logging providers.
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = 2000;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(2);
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(30);
            kestrel.Limits.MinResponseDataRate = null; // SlowBody writes a few bytes at a time on purpose.
            kestrel.Limits.Http2.MaxStreamsPerConnection = 200;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                if (options.Certificate is { } certificate)
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(certificate);
                }
                else
                {
                    listen.Protocols = HttpProtocols.Http1;
                }
            });
        });
        return builder.Build();
    }

    private static void Validate(EmulatorOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Region))
        {
            throw new ArgumentException("Region is required.", nameof(options));
        }

        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Port must be 0..65535.");
        }

        if (options.GeneratedUsers < 0 || options.GeneratedInstances < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Generated counts cannot be negative.");
        }

        if (options.Latency < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Latency cannot be negative.");
        }
    }

    /// <summary>A host lifetime that neither hooks Ctrl+C nor prints anything.</summary>
    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
