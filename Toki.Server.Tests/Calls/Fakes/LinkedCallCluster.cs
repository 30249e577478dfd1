using Toki.Calls.Ports;
using Toki.Calls.Service;

namespace Toki.Server.Tests.Calls.Fakes;

/// <summary>
/// Several call services of one process joined as a cluster, the way Toki.Server's Redis cluster joins servers: hints
/// are delivered to the other live members at once, presence is asked of the other live members. A member marked
/// dead (<see cref="Kill"/>) neither sends, receives nor answers, as after a kill -9.
/// </summary>
internal sealed class LinkedCallCluster
{
    private readonly List<Member> _members = [];
    private readonly List<Task> _hints = [];

    /// <summary>Completes when every hint sent so far has been applied.</summary>
    public Task HintsAppliedAsync()
    {
        lock (_hints)
        {
            return Task.WhenAll([.. _hints]);
        }
    }

    private void Track(Task hint)
    {
        lock (_hints)
        {
            _hints.Add(hint);
        }
    }

    /// <summary>The hint port of a new member; <see cref="Member.Service"/> is set once its service exists.</summary>
    public Member Join(string name)
    {
        var member = new Member(this, name);
        _members.Add(member);
        return member;
    }

    public void Kill(Member member) => member.Dead = true;

    private IEnumerable<Member> Others(Member self) => _members.Where(m => m != self && !m.Dead && m.Service is not null);

    internal sealed class Member(LinkedCallCluster cluster, string name) : ICallCluster
    {
        public string Name { get; } = name;

        public CallService? Service { get; set; }

        public bool Dead { get; set; }

        public Task<bool> IsConnectedElsewhereAsync(string userId, CancellationToken cancellationToken) =>
            Task.FromResult(!Dead && cluster.Others(this).Any(m => m.Service!.IsOnline(userId)));

        public void UserConnected(string userId)
        {
            foreach (var other in Senders())
            {
                other.Service!.OnUserConnectedElsewhere(userId);
            }
        }

        public void UserDisconnected(string userId)
        {
        }

        public void CallChanged(string callId, long version)
        {
            foreach (var other in Senders())
            {
                cluster.Track(other.Service!.OnCallChangedElsewhereAsync(callId, version, CancellationToken.None));
            }
        }

        public void CallSocketChanged(string callId, string userId, string? socketId)
        {
            foreach (var other in Senders())
            {
                other.Service!.OnCallSocketChangedElsewhere(callId, userId, socketId);
            }
        }

        private IEnumerable<Member> Senders() => Dead ? [] : cluster.Others(this).ToArray();
    }
}
