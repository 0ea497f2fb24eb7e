using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ConnectTools.Auth;
using ConnectTools.Client;
using Xunit;

namespace ConnectTools.Core.Tests
{
    /// <summary>
    /// A successful answer without the member an operation returns (here `{}`): an error that names the operation, the
    /// id asked for and the missing member, made once, after one attempt, and not rewrapped as a transport or SDK failure.
    /// </summary>
    public class EmptyResultTests
    {
        [Theory]
        [InlineData("DescribeInstance", "Instance")]
        [InlineData("DescribeUser", "User")]
        public async Task ASuccessfulAnswerWithoutTheResultIsAnErrorNamingTheOperationIdAndMember(string operation, string member)
        {
            using var server = new EmptyObjectServer();
            var client = Client(server.Url);
            const string instanceId = "40c83b68-ea62-414c-97bb-d018e39e158e", userId = "9b2e4a31-7c3d-4e0f-8a1b-2c3d4e5f6a7b";
            var e = await Assert.ThrowsAsync<ConnectServiceException>(() => operation == "DescribeInstance"
                ? (Task)client.DescribeInstanceAsync(instanceId)
                : client.DescribeUserAsync(instanceId, userId));
            Assert.Equal("EmptyResponse", e.ErrorCode);
            Assert.Equal(operation, e.Operation);
            Assert.Equal(operation == "DescribeInstance" ? instanceId : userId, e.ResourceId);
            Assert.Equal(1, e.Attempts);
            Assert.Equal(HttpStatusCode.OK, e.StatusCode);
            Assert.Contains("'" + member + "'", e.Message);
            Assert.Null(e.InnerException);
            Assert.Equal(1, server.Requests);
        }

        [Fact]
        public async Task AListingAnswerWithoutItsListIsAnEmptyLastPage()
        {
            using var server = new EmptyObjectServer();
            var page = await Client(server.Url).ListInstancesAsync(null);
            Assert.Empty(page.Items);
            Assert.Null(page.NextToken);
        }

        private static ConnectClient Client(string url)
        {
            var settings = new AwsSettings
            {
                AccessKey = "AKIDEMPTYRESULT00001", SecretKey = "empty-result-secret", Region = "us-west-2",
                Environment = new DictionaryEnvironment(new Dictionary<string, string?>()),
            };
            return ConnectClientFactory.Create(new ClientOptions(AwsResolver.Resolve(settings), url, new HttpSettings(), settings.Environment));
        }

        /// <summary>Answers every HTTP/1.1 request on loopback with 200 and the body `{}`; counts the requests.</summary>
        private sealed class EmptyObjectServer : IDisposable
        {
            private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
            private readonly CancellationTokenSource _stop = new CancellationTokenSource();
            private int _requests;

            internal EmptyObjectServer()
            {
                _listener.Start();
                Url = "http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port + "/";
                _ = Task.Run(ServeAsync);
            }

            internal string Url { get; }

            internal int Requests => Volatile.Read(ref _requests);

            private async Task ServeAsync()
            {
                while (!_stop.IsCancellationRequested)
                {
                    TcpClient client;
                    try { client = await _listener.AcceptTcpClientAsync(); }
                    catch (Exception) { return; }
                    _ = Task.Run(() => ConnectionAsync(client));
                }
            }

            private async Task ConnectionAsync(TcpClient client)
            {
                using (client)
                {
                    var stream = client.GetStream();
                    var reader = new StreamReader(stream, Encoding.ASCII);
                    while (true)
                    {
                        string? line = await reader.ReadLineAsync();
                        if (line == null) return;
                        int length = 0;
                        while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync()))
                            if (line!.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = int.Parse(line.Substring(15).Trim());
                        if (length > 0) await reader.ReadBlockAsync(new char[length], 0, length);
                        Interlocked.Increment(ref _requests);
                        byte[] answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nx-amzn-RequestId: empty-1\r\nContent-Length: 2\r\n\r\n{}");
                        await stream.WriteAsync(answer, 0, answer.Length);
                    }
                }
            }

            public void Dispose()
            {
                _stop.Cancel();
                _listener.Stop();
            }
        }
    }
}
