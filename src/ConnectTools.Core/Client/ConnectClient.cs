using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

using ConnectTools.Pacing;

namespace ConnectTools.Client
{
    /// <summary>
    /// A small Amazon Connect client built on AWSSDK.Core's runtime pipeline, like the SDK's generated clients: signing,
    /// Standard retries, clock-skew correction, timeouts and error parsing all come from the SDK.
    /// </summary>
    public sealed partial class ConnectClient : AmazonServiceClient, IConnectOperations
    {
        private static readonly IServiceMetadata Metadata = new ConnectServiceMetadata();
        // A field initializer runs before the base constructor, which builds the pipeline (CustomizeRuntimePipeline).
        private readonly AttemptHandler _attempts = new AttemptHandler();

        public ConnectClient(AWSCredentials credentials, ConnectClientConfig config)
            : base(credentials, config)
        {
        }

        /// <summary>
        /// Told (on the signing thread) each time credentials the SDK fetches itself are fetched or refreshed: source, masked
        /// access key id and expiry, never a secret. Nothing for fixed keys.
        /// </summary>
        public event Action<string>? CredentialsFetched
        {
            add { if (ExplicitAWSCredentials is Auth.ObservedCredentials observed) observed.Fetched += value; }
            remove { if (ExplicitAWSCredentials is Auth.ObservedCredentials observed) observed.Fetched -= value; }
        }

        /// <summary>Told about every HTTP attempt (retries included): operation, status, duration. Never secrets.</summary>
        public event EventHandler<AttemptEventArgs>? AttemptCompleted
        {
            add => _attempts.Completed += value;
            remove => _attempts.Completed -= value;
        }

        /// <summary>An optional gate each HTTP attempt passes before it is sent (the enumeration engine's rate limiter).</summary>
        public IAttemptGate? Gate
        {
            get => _attempts.Gate;
            set => _attempts.Gate = value;
        }

        protected override IServiceMetadata ServiceMetadata => Metadata;

        protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
        {
            // Stages this client has no use for, each an async layer (a state machine and its allocations) on every call:
            // SDK telemetry (no tracer or meter is configured), the client events nothing subscribes to (ExceptionEvent,
            // BeforeMarshallingEvent, BeforeRequestEvent, AfterResponseEvent), endpoint discovery, flexible checksums and
            // request compression (no Connect operation has any of the three). Signing, retries, clock-skew correction,
            // credentials, timeouts and error parsing stay the SDK's.
            RemoveAll<MetricsHandler>(pipeline);
            RemoveAll<ErrorCallbackHandler>(pipeline);
            RemoveAll<CallbackHandler>(pipeline);
            RemoveAll<EndpointDiscoveryHandler>(pipeline);
            RemoveAll<ChecksumHandler>(pipeline);
            RemoveAll<CompressionHandler>(pipeline);
            // The HTTP exchange: a lean request (only the signed headers, no dictionary copies of the response's headers) on
            // ConnectHttpClientFactory's HttpClient, and the body read by System.Text.Json straight from the content stream.
            // The SDK's HttpHandler stage stays (clock-skew recording, User-Agent, Content-Length), and so does its ErrorHandler.
            if (Config.HttpClientFactory is ConnectHttpClientFactory http)
            {
                pipeline.ReplaceHandler<HttpHandler<System.Net.Http.HttpContent>>(
                    new ConnectHttpHandler(new ConnectHttpRequestFactory(Config, http.CreateHttpClient(Config)), this));
                pipeline.ReplaceHandler<Unmarshaller>(new ConnectUnmarshalStage());
            }
            pipeline.RemoveHandler<EndpointResolver>();
            pipeline.AddHandlerAfter<Marshaller>(new ConnectEndpointResolver());
            pipeline.AddHandlerAfter<Marshaller>(new ConnectAuthSchemeHandler());
            // Inside the retry loop, so it sees (and can pace) every attempt.
            pipeline.AddHandlerAfter<RetryHandler>(_attempts);
            // One set of credentials per request and per retry, even when the SDK refreshes them while it signs (see the handler).
            pipeline.AddHandler(new Auth.CredentialPinHandler(retriesOnly: false));
            pipeline.AddHandlerBefore<Signer>(new Auth.CredentialPinHandler(retriesOnly: true));
            pipeline.ReplaceHandler<Signer>(new ConnectSignerStage());
        }

        private static void RemoveAll<T>(RuntimePipeline pipeline) where T : IPipelineHandler
        {
            while (true)
            {
                bool found = false;
                for (var handler = pipeline.Handler; handler != null && !found; handler = handler.InnerHandler) found = handler.GetType() == typeof(T);
                if (!found) return;
                pipeline.RemoveHandler<T>();
            }
        }

        /// <summary>The pipeline's stages, outermost first (for tests).</summary>
        internal IReadOnlyList<Type> PipelineStages
        {
            get
            {
                var stages = new List<Type>();
                for (var handler = RuntimePipeline.Handler; handler != null; handler = handler.InnerHandler) stages.Add(handler.GetType());
                return stages;
            }
        }

        // Each operation is its request, its body reader and a static function that makes the result of the body, all run by
        // the one CallAsync below: one async state machine for every operation (its code shared, over reference types),
        // where an async method per operation added one more state machine to compile at the first call of a session and
        // one more to allocate on every call.

        public Task<ConnectInstance> DescribeInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
            CallAsync(new DescribeInstanceRequest { InstanceId = instanceId }, ConnectUnmarshallers.DescribeInstance, static (client, request, body) =>
            {
                var instance = body.Instance ?? throw EmptyResult("DescribeInstance", request.InstanceId, "Instance");
                instance.ReplicationConfiguration = body.ReplicationConfiguration;
                instance.Complete(client.RegionName);
                client.NoteAccount(instance.Arn);
                return instance;
            }, cancellationToken);

        public Task<Page<ConnectInstance>> ListInstancesAsync(string? nextToken, int? maxResults = null, CancellationToken cancellationToken = default) =>
            CallAsync(new ListInstancesRequest { NextToken = nextToken, MaxResults = maxResults }, ConnectUnmarshallers.ListInstances, static (client, request, body) =>
            {
                foreach (var instance in body.InstanceSummaryList ?? new List<ConnectInstance>()) instance.Complete(client.RegionName);
                if (body.InstanceSummaryList?.Count > 0) client.NoteAccount(body.InstanceSummaryList[0].Arn);
                return new Page<ConnectInstance>((IReadOnlyList<ConnectInstance>?)body.InstanceSummaryList ?? Array.Empty<ConnectInstance>(), Blank(body.NextToken));
            }, cancellationToken);

        public Task<ConnectUser> DescribeUserAsync(string instanceId, string userId, CancellationToken cancellationToken = default) =>
            CallAsync(new DescribeUserRequest { InstanceId = instanceId, UserId = userId }, ConnectUnmarshallers.DescribeUser, static (client, request, body) =>
            {
                var user = body.User ?? throw EmptyResult("DescribeUser", request.UserId, "User");
                user.Complete(request.InstanceId, client.RegionName);
                client.NoteAccount(user.Arn);
                return user;
            }, cancellationToken);

        public Task<Page<ConnectUserListEntry>> ListUsersAsync(string instanceId, string? nextToken, int? maxResults = null, CancellationToken cancellationToken = default) =>
            CallAsync(new ListUsersRequest { InstanceId = instanceId, NextToken = nextToken, MaxResults = maxResults }, ConnectUnmarshallers.ListUsers, static (client, request, body) =>
            {
                if (body.UserSummaryList?.Count > 0) client.NoteAccount(body.UserSummaryList[0].Arn);
                return new Page<ConnectUserListEntry>((IReadOnlyList<ConnectUserListEntry>?)body.UserSummaryList ?? Array.Empty<ConnectUserListEntry>(), Blank(body.NextToken));
            }, cancellationToken);

        public Task<Page<ConnectUserSummary>> SearchUsersAsync(string instanceId, UserSearchCriteria? criteria, UserSearchFilter? filter,
            string? nextToken, int? maxResults = null, CancellationToken cancellationToken = default)
        {
            var request = new SearchUsersRequest
            {
                Body = new SearchUsersBody
                {
                    InstanceId = instanceId, SearchCriteria = criteria, SearchFilter = filter, NextToken = nextToken, MaxResults = maxResults,
                },
            };
            return CallAsync(request, ConnectUnmarshallers.SearchUsers, static (client, request, body) =>
            {
                var users = body.Users ?? new List<ConnectUserSummary>();
                string instanceId = request.Body.InstanceId!;
                string? fallbackInstance = ConnectArn.TryParse(instanceId, out var arn) ? arn!.InstanceId : instanceId;
                foreach (var u in users) u.Complete(fallbackInstance, client.RegionName);
                if (users.Count > 0) client.NoteAccount(users[0].Arn);
                return new Page<ConnectUserSummary>(users, Blank(body.NextToken), body.ApproximateTotalCount);
            }, cancellationToken);
        }

        /// <summary>The Region this client calls (and signs for).</summary>
        public string? RegionName => Config.RegionEndpoint?.SystemName ?? Config.AuthenticationRegion;

        private static string? Blank(string? token) => string.IsNullOrEmpty(token) ? null : token;

        private static ConnectServiceException EmptyResult(string operation, string id, string member) =>
            new ConnectServiceException($"The response has no '{member}' member.", null, ErrorType.Unknown, "EmptyResponse", null, System.Net.HttpStatusCode.OK)
            {
                Operation = operation, ResourceId = id, Attempts = 1,
            };

        private async Task<TResult> CallAsync<TRequest, T, TResult>(TRequest request, ConnectUnmarshaller<T> unmarshaller,
            Func<ConnectClient, TRequest, T, TResult> result, CancellationToken cancellationToken)
            where TRequest : ConnectRequest where T : class where TResult : class
        {
            var options = new InvokeOptions
            {
                RequestMarshaller = request,
                ResponseUnmarshaller = unmarshaller,
            };
            T body;
            {
                try
                {
                    var response = await InvokeAsync<ConnectResponse<T>>(request, options, cancellationToken).ConfigureAwait(false);
                    body = response.Body!;
                }
                catch (ConnectServiceException e)
                {
                    e.Operation = request.OperationName;
                    e.ResourceId = request.ResourceId;
                    e.Attempts = request.Attempts;
                    throw;
                }
                catch (AmazonServiceException e) when (!(e is ConnectServiceException))
                {
                    // Unreadable responses, network failures after the last retry, and the like.
                    throw new ConnectServiceException(e.InnerException?.Message ?? e.Message, e, e.ErrorType, e.ErrorCode ?? e.GetType().Name,
                        e.RequestId, e.StatusCode)
                    {
                        Operation = request.OperationName, ResourceId = request.ResourceId, Attempts = request.Attempts,
                    };
                }
                catch (AmazonClientException e)
                {
                    throw new ConnectServiceException(e.InnerException?.Message ?? e.Message, e, ErrorType.Unknown, e.GetType().Name, null, 0)
                    {
                        Operation = request.OperationName, ResourceId = request.ResourceId, Attempts = request.Attempts,
                    };
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && TransportErrors.IsTransportFailure(e))
                {
                    // No response after the last attempt: a timeout, a refused or reset connection, a TLS failure.
                    var failure = TransportErrors.ToServiceException(e);
                    failure.Operation = request.OperationName;
                    failure.ResourceId = request.ResourceId;
                    failure.Attempts = request.Attempts;
                    throw failure;
                }
            }

            // Made outside the try above: an empty result is reported as it is, not rewrapped.
            return result(this, request, body);
        }
    }

    internal sealed class ConnectServiceMetadata : IServiceMetadata
    {
        public string ServiceId => "Connect";

        public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>();
    }
}
