namespace ConnectTools
{
    /// <summary>A user given as an id or a user (agent) ARN.</summary>
    public sealed class UserRef
    {
        internal UserRef(string text, string userId, ConnectArn? arn)
        {
            Text = text;
            UserId = userId;
            Arn = arn;
        }

        public string Text { get; }
        public string UserId { get; }
        public ConnectArn? Arn { get; }
        public override string ToString() => Text;
    }
}
