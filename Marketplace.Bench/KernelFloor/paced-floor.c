// paced-floor: the kernel floor of a fan-out at a fixed rate. Like shared/tools/kernel-floor.c it sends small
// frames over loopback TCP with nothing but send(2), but in rounds: one frame to every connection, then a pause
// until the next round is due, as a server does when a publisher sends a few messages a second. Between rounds
// the receiver sleeps in epoll_wait, so each round pays to wake it, as real subscribers are woken.
//
//   gcc -O2 -o paced-floor paced-floor.c
//   ./paced-floor [connections=1000] [rounds=500] [bytes per send=260] [rounds per second=50]
//
// Prints the sender's CPU time per send, and the rate the rounds achieved: a round that takes longer than the
// pause between rounds leaves no pause, and the figure then drifts toward kernel-floor's back-to-back one.
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double cpu_seconds(void)
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec
        + usage.ru_stime.tv_usec / 1e6;
}

static double wall_seconds(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec + now.tv_nsec / 1e9;
}

// Reads until every byte sent has arrived, or nothing has come for the given time.
static void drain(const int *sockets, int count, long expected, int idle_milliseconds)
{
    int poller = epoll_create1(0);
    for (int i = 0; i < count; i++) {
        struct epoll_event event = { .events = EPOLLIN, .data.fd = sockets[i] };
        epoll_ctl(poller, EPOLL_CTL_ADD, sockets[i], &event);
    }

    static char buffer[65536];
    struct epoll_event ready[256];
    long received = 0;
    while (received < expected) {
        int woken = epoll_wait(poller, ready, 256, idle_milliseconds);
        if (woken < 0 && errno == EINTR)
            continue;
        if (woken <= 0)
            break;
        for (int i = 0; i < woken; i++) {
            ssize_t got = read(ready[i].data.fd, buffer, sizeof buffer);
            if (got > 0)
                received += got;
        }
    }
    if (received < expected)
        fprintf(stderr, "receiver got %ld of %ld bytes\n", received, expected);
}

int main(int argc, char **argv)
{
    int count = argc > 1 ? atoi(argv[1]) : 1000;
    int rounds = argc > 2 ? atoi(argv[2]) : 500;
    int size = argc > 3 ? atoi(argv[3]) : 260;
    double rate = argc > 4 ? atof(argv[4]) : 50;
    int one = 1;
    if (count < 1 || rounds < 1 || size < 1 || !(rate > 0)) {
        fprintf(stderr, "usage: paced-floor [connections] [rounds] [bytes per send] [rounds per second], "
                        "each above zero\n");
        return 2;
    }

    int listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t length = sizeof address;
    if (listener < 0 || bind(listener, (struct sockaddr *)&address, sizeof address) != 0
        || listen(listener, 4096) != 0 || getsockname(listener, (struct sockaddr *)&address, &length) != 0) {
        perror("listen");
        return 1;
    }

    int *clients = malloc(count * sizeof(int));
    int *servers = malloc(count * sizeof(int));
    for (int i = 0; i < count; i++) {
        clients[i] = socket(AF_INET, SOCK_STREAM, 0);
        if (clients[i] < 0 || connect(clients[i], (struct sockaddr *)&address, sizeof address) != 0) {
            perror("connect");
            return 1;
        }
        servers[i] = accept(listener, NULL, NULL);
        if (servers[i] < 0) {
            perror("accept");
            return 1;
        }
        setsockopt(servers[i], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }

    // The receiver waits out a whole pause between rounds, and a few seconds more, before it gives up.
    double pause_milliseconds = 1000 / rate;
    int idle_milliseconds = 5000 + (pause_milliseconds < 3600000 ? (int)pause_milliseconds : 3600000);
    pid_t receiver = fork();
    if (receiver == 0) {
        drain(clients, count, (long)count * rounds * size, idle_milliseconds);
        _exit(0);
    }

    char *frame = calloc(1, size);
    struct timespec due;
    clock_gettime(CLOCK_MONOTONIC, &due);
    long step = (long)(1e9 / rate);
    double first_round = wall_seconds();
    double last_round = first_round;
    // A sleeping sender uses no CPU, so the loop's CPU time is the sends' (and one timer wake-up a round).
    double start = cpu_seconds();
    for (int round = 0; round < rounds; round++) {
        last_round = wall_seconds();
        for (int i = 0; i < count; i++)
            if (send(servers[i], frame, size, 0) != size)
                perror("send");

        // No pause after the last round: it would only lengthen the run.
        if (round + 1 == rounds)
            break;
        due.tv_sec += step / 1000000000L;
        due.tv_nsec += step % 1000000000L;
        if (due.tv_nsec >= 1000000000L) {
            due.tv_nsec -= 1000000000L;
            due.tv_sec++;
        }
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &due, NULL) == EINTR)
            ;
    }
    double spent = cpu_seconds() - start;
    waitpid(receiver, NULL, 0);

    double achieved = rounds > 1 && last_round > first_round ? (rounds - 1) / (last_round - first_round) : rate;
    printf("%d connections x %d rounds at %g rounds/s (%.1f achieved), %d bytes: %.2f us of sender CPU per send\n",
           count, rounds, rate, achieved, size, spent * 1e6 / ((double)count * rounds));
    return 0;
}
