// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// bench_tempfile.cpp -- the benchmark driver of Boost.TempFile (bench/run.sh runs it).
//
// Every invocation measures ONE thing and prints ONE tab-separated line, so
// that bench/run.sh can interleave cases in rounds, give each its own fresh
// directory, and put Python's and Rust's peers (bench/peers.py,
// bench/rust/) in the same rounds.
//
//   bench_tempfile list
//       the per-operation case ids with a description, one per line
//   bench_tempfile op CASE [--n N] [--warmup W] [--dir D]
//       warm-up of W iterations, then one timed loop of N; prints
//       "CASE <tab> wall ns/op <tab> cpu ns/op". D (default $TMPDIR) must be a
//       new empty directory; the library's cases create in the default temp
//       directory, so run them with TMPDIR=D. Thread cases run N iterations in
//       EACH thread and report aggregate ns/op = wall / (threads * N).
//   bench_tempfile tree-make ROOT SHAPE
//       builds a tree (untimed helper, also for the Python and Rust peers)
//   bench_tempfile tree-rm METHOD BASE SHAPE
//       makes a tree under BASE (untimed), times its removal by METHOD (lib,
//       std, boost, rm); prints "tree.SHAPE.METHOD <tab> wall ms <tab> cpu ms
//       <tab> entries removed"
//   bench_tempfile tree-strace METHOD BASE SHAPE
//       the same without timing, for strace -c: METHOD lib (temp_dir<> whose
//       destructor removes the tree) or lib-keep (the same with temp_dir<keep>:
//       identical but for the removal; the caller removes the tree), or
//       std / boost with an already built tree at BASE (removal only)
//   bench_tempfile dentries DIR TOTAL SAMPLE [--drop]
//       the negative-dentry study (see doc/performance.adoc)
//
// Shapes: flat  = ROOT/dNNN (1,000 dirs) x 100 files          (101,000 entries)
//         deep  = ROOT/cNN/l1/.../l9: 100 chains of 10 nested dirs,
//                 100 files in every dir of every chain        (101,000 entries)
//         small = ROOT/dNN (100 dirs) x 100 files              (10,100 entries)
//         empty = ROOT alone (for the cost of starting rm -rf)
// Files hold one byte each.

#include <boost/tempfile/make_temp.hpp>
#include <boost/tempfile/named_temp_file.hpp>
#include <boost/tempfile/temp_dir.hpp>
#include <boost/tempfile/temp_file.hpp>

#include <boost/filesystem/operations.hpp>
#include <boost/filesystem/path.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <spawn.h>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

extern char** environ;

namespace tf = boost::tempfile;
namespace bfs = boost::filesystem;

namespace {

[[noreturn]] void fail(const std::string& what)
{
    std::fprintf(stderr, "bench_tempfile: %s: %s\n", what.c_str(), std::strerror(errno));
    std::exit(1);
}

std::uint64_t clock_ns(clockid_t id)
{
    timespec ts{};
    clock_gettime(id, &ts);
    return static_cast< std::uint64_t >(ts.tv_sec) * 1000000000u + static_cast< std::uint64_t >(ts.tv_nsec);
}

char g_page[4096];

void write_page(int fd)
{
    if (::write(fd, g_page, sizeof g_page) != static_cast< ssize_t >(sizeof g_page))
        fail("write");
}

// The same flags the library passes (detail::named_file_flags), so the floor
// differs from the library only by what the library adds in user space.
constexpr int named_flags = O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
constexpr int anon_flags = O_RDWR | O_CLOEXEC | O_TMPFILE;

//! Where each thread's counter goes on: a name is never used twice in a
//! process (a reused name would find its negative dentry already cached).
std::uint64_t g_next_name[4];

//! Absolute names "DIR/tmp" + 10 characters, as long as the library's
//! default names, made from a counter: no randomness, no allocation.
class counter_names
{
public:
    counter_names(const std::string& dir, unsigned tag)
        : full_(dir + "/tmp"), base_(full_.size()), k_((std::uint64_t(tag) << 45) + g_next_name[tag]), tag_(tag)
    {
        full_.append(10, 'a');
    }
    ~counter_names() { g_next_name[tag_] = k_ - (std::uint64_t(tag_) << 45); }
    counter_names(const counter_names&) = delete;
    counter_names& operator=(const counter_names&) = delete;

    const char* next()
    {
        static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
        std::uint64_t v = k_++;
        for (std::size_t i = 0; i < 10; ++i, v >>= 5)
            full_[base_ + i] = alphabet[v & 31u];
        return full_.c_str();
    }

private:
    std::string full_;
    std::size_t base_;
    std::uint64_t k_;
    unsigned tag_;
};

struct context
{
    std::string dir;      // the case's own empty directory (also $TMPDIR)
    tf::options in_dir;   // options().dir(dir)
};

using loop_fn = void (*)(const context&, long);

// ---------------------------------------------------------------- floors
// Each loop is noinline so that callgrind --toggle-collect can find it.

__attribute__((noinline)) void loop_floor_named(const context& c, long n, bool w, unsigned tag)
{
    counter_names names(c.dir, tag);
    for (long i = 0; i < n; ++i)
    {
        const char* p = names.next();
        const int fd = ::open(p, named_flags, 0600);
        if (fd < 0)
            fail(std::string("open ") + p);
        if (w)
            write_page(fd);
        ::close(fd);
        if (::unlink(p) != 0)
            fail(std::string("unlink ") + p);
    }
}
void floor_named(const context& c, long n) { loop_floor_named(c, n, false, 0); }
void floor_named_w(const context& c, long n) { loop_floor_named(c, n, true, 0); }

__attribute__((noinline)) void loop_floor_anon(const context& c, long n, bool w)
{
    const char* d = c.dir.c_str();
    for (long i = 0; i < n; ++i)
    {
        const int fd = ::open(d, anon_flags, 0600);
        if (fd < 0)
            fail("open(O_TMPFILE)");
        if (w)
            write_page(fd);
        ::close(fd);
    }
}
void floor_anon(const context& c, long n) { loop_floor_anon(c, n, false); }
void floor_anon_w(const context& c, long n) { loop_floor_anon(c, n, true); }

__attribute__((noinline)) void floor_dir(const context& c, long n)
{
    counter_names names(c.dir, 0);
    for (long i = 0; i < n; ++i)
    {
        const char* p = names.next();
        if (::mkdir(p, 0700) != 0)
            fail(std::string("mkdir ") + p);
        if (::rmdir(p) != 0)
            fail(std::string("rmdir ") + p);
    }
}

// ---------------------------------------------------------------- the library

__attribute__((noinline)) void lib_named(const context&, long n)
{
    for (long i = 0; i < n; ++i)
    {
        tf::named_temp_file<> f;
    }
}

__attribute__((noinline)) void lib_named_w(const context&, long n)
{
    for (long i = 0; i < n; ++i)
    {
        tf::named_temp_file<> f;
        write_page(f.native_handle());
    }
}

__attribute__((noinline)) void lib_named_stream(const context&, long n)
{
    for (long i = 0; i < n; ++i)
    {
        tf::named_temp_file<> f;
        f.stream().write(g_page, sizeof g_page);
    }
}

__attribute__((noinline)) void lib_named_dir(const context& c, long n)
{
    for (long i = 0; i < n; ++i)
    {
        tf::named_temp_file<> f(c.in_dir);
    }
}

__attribute__((noinline)) void lib_make_temp_file(const context&, long n)
{
    for (long i = 0; i < n; ++i)
    {
        tf::created_file f = tf::make_temp_file();
        ::close(f.handle);
        ::unlink(f.path.c_str());
    }
}

__attribute__((noinline)) void lib_anon(const context&, long n)
{
    for (long i = 0; i < n; ++i)
    {
        tf::temp_file f;
    }
}

__attribute__((noinline)) void lib_anon_w(const context&, long n)
{
    for (long i = 0; i < n; ++i)
    {
        tf::temp_file f;
        write_page(f.native_handle());
    }
}

__attribute__((noinline)) void lib_dir(const context&, long n)
{
    for (long i = 0; i < n; ++i)
    {
        tf::temp_dir<> d;
    }
}

// ---------------------------------------------------------------- C and C++ peers

__attribute__((noinline)) void loop_mkstemp(const context& c, long n, bool w)
{
    const std::string tmpl = c.dir + "/tmp.XXXXXX";
    std::vector< char > name(tmpl.size() + 1);
    for (long i = 0; i < n; ++i)
    {
        std::memcpy(name.data(), tmpl.c_str(), tmpl.size() + 1);
        const int fd = ::mkstemp(name.data());
        if (fd < 0)
            fail("mkstemp");
        if (w)
            write_page(fd);
        ::close(fd);
        if (::unlink(name.data()) != 0)
            fail("unlink");
    }
}
void glibc_mkstemp(const context& c, long n) { loop_mkstemp(c, n, false); }
void glibc_mkstemp_w(const context& c, long n) { loop_mkstemp(c, n, true); }

__attribute__((noinline)) void glibc_mkdtemp(const context& c, long n)
{
    const std::string tmpl = c.dir + "/tmp.XXXXXX";
    std::vector< char > name(tmpl.size() + 1);
    for (long i = 0; i < n; ++i)
    {
        std::memcpy(name.data(), tmpl.c_str(), tmpl.size() + 1);
        if (!::mkdtemp(name.data()))
            fail("mkdtemp");
        if (::rmdir(name.data()) != 0)
            fail("rmdir");
    }
}

__attribute__((noinline)) void loop_tmpfile(long n, bool w)
{
    for (long i = 0; i < n; ++i)
    {
        std::FILE* f = std::tmpfile();
        if (!f)
            fail("tmpfile");
        if (w && std::fwrite(g_page, 1, sizeof g_page, f) != sizeof g_page)
            fail("fwrite");
        std::fclose(f);
    }
}
void std_tmpfile(const context&, long n) { loop_tmpfile(n, false); }
void std_tmpfile_w(const context&, long n) { loop_tmpfile(n, true); }

__attribute__((noinline)) void loop_unique_path(const context& c, long n, bool w)
{
    const bfs::path dir(c.dir); // once, as a caller would keep temp_directory_path()
    for (long i = 0; i < n; ++i)
    {
        const bfs::path p = dir / bfs::unique_path("%%%%-%%%%-%%%%-%%%%");
        const int fd = ::open(p.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0)
            fail("open");
        if (w)
            write_page(fd);
        ::close(fd);
        bfs::remove(p);
    }
}
void boost_unique_path(const context& c, long n) { loop_unique_path(c, n, false); }
void boost_unique_path_w(const context& c, long n) { loop_unique_path(c, n, true); }

// ---------------------------------------------------------------- two threads

//! Runs body(thread index) in `threads` threads started together.
void in_threads(int threads, const std::function< void(int) >& body)
{
    if (threads == 1)
    {
        body(0);
        return;
    }
    std::atomic< int > waiting{threads};
    std::vector< std::thread > pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            waiting.fetch_sub(1);
            while (waiting.load() > 0)
                std::this_thread::yield();
            body(t);
        });
    for (auto& th : pool)
        th.join();
}

// The thread cases use the subdirectories "s" (shared), "a" and "b" of the
// case directory, created by prepare_thread_dirs().
std::string sub(const context& c, const char* name) { return c.dir + "/" + name; }

void thr_floor(const context& c, long n, int threads, bool separate)
{
    in_threads(threads, [&](int t) {
        context mine;
        mine.dir = sub(c, separate ? (t == 0 ? "a" : "b") : "s");
        loop_floor_named(mine, n, false, static_cast< unsigned >(t));
    });
}
void thr_floor_1(const context& c, long n) { thr_floor(c, n, 1, false); }
void thr_floor_2same(const context& c, long n) { thr_floor(c, n, 2, false); }
void thr_floor_2sep(const context& c, long n) { thr_floor(c, n, 2, true); }

//! Library in threads: in the default directory ($TMPDIR must be c.dir/s),
//! or with options().dir() naming "s", or "a" and "b".
void thr_lib(const context& c, long n, int threads, int where /* 0 default, 1 dir s, 2 dirs a/b */)
{
    in_threads(threads, [&](int t) {
        if (where == 0)
        {
            lib_named(c, n);
            return;
        }
        context mine;
        mine.in_dir.dir(sub(c, where == 1 ? "s" : (t == 0 ? "a" : "b")));
        lib_named_dir(mine, n);
    });
}
void thr_lib_1(const context& c, long n) { thr_lib(c, n, 1, 0); }
void thr_lib_2same(const context& c, long n) { thr_lib(c, n, 2, 0); }
void thr_lib_1dir(const context& c, long n) { thr_lib(c, n, 1, 1); }
void thr_lib_2sep(const context& c, long n) { thr_lib(c, n, 2, 2); }

struct op_case
{
    const char* id;
    loop_fn fn;
    int threads;
    const char* desc;
};

const op_case op_cases[] = {
    {"floor.named", floor_named, 1, "floor: open(abs, O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC) + close + unlink, counter names"},
    {"floor.named.w", floor_named_w, 1, "floor, + write 4 KiB"},
    {"lib.named", lib_named, 1, "named_temp_file<> ctor + dtor"},
    {"lib.named.w", lib_named_w, 1, "named_temp_file<> + write(native_handle(), 4 KiB)"},
    {"lib.named.stream", lib_named_stream, 1, "named_temp_file<> + stream().write(4 KiB)"},
    {"lib.named.dir", lib_named_dir, 1, "named_temp_file<>(options().dir(d))"},
    {"lib.make_temp_file", lib_make_temp_file, 1, "make_temp_file() + close + unlink"},
    {"glibc.mkstemp", glibc_mkstemp, 1, "mkstemp + close + unlink"},
    {"glibc.mkstemp.w", glibc_mkstemp_w, 1, "mkstemp + write 4 KiB + close + unlink"},
    {"std.tmpfile", std_tmpfile, 1, "std::tmpfile + fclose (glibc: O_TMPFILE in /tmp, anonymous)"},
    {"std.tmpfile.w", std_tmpfile_w, 1, "std::tmpfile + fwrite 4 KiB + fclose"},
    {"boost.unique_path", boost_unique_path, 1, "boost unique_path + open + close + boost remove"},
    {"boost.unique_path.w", boost_unique_path_w, 1, "boost unique_path + open + write 4 KiB + close + remove"},
    {"floor.anon", floor_anon, 1, "floor: open(dir, O_TMPFILE|O_RDWR|O_CLOEXEC) + close"},
    {"floor.anon.w", floor_anon_w, 1, "floor, + write 4 KiB"},
    {"lib.anon", lib_anon, 1, "temp_file ctor + dtor"},
    {"lib.anon.w", lib_anon_w, 1, "temp_file + write(native_handle(), 4 KiB)"},
    {"floor.dir", floor_dir, 1, "floor: mkdir(abs, 0700) + rmdir, counter names"},
    {"glibc.mkdtemp", glibc_mkdtemp, 1, "mkdtemp + rmdir"},
    {"lib.dir", lib_dir, 1, "temp_dir<> ctor + dtor (empty)"},
    {"thr.floor.1", thr_floor_1, 1, "floor named cycle, 1 thread"},
    {"thr.floor.2same", thr_floor_2same, 2, "floor named cycle, 2 threads, one directory"},
    {"thr.floor.2sep", thr_floor_2sep, 2, "floor named cycle, 2 threads, separate directories"},
    {"thr.lib.1", thr_lib_1, 1, "named_temp_file<>, 1 thread, default directory"},
    {"thr.lib.2same", thr_lib_2same, 2, "named_temp_file<>, 2 threads, default directory (one)"},
    {"thr.lib.1dir", thr_lib_1dir, 1, "named_temp_file<>(options().dir(d)), 1 thread"},
    {"thr.lib.2sep", thr_lib_2sep, 2, "named_temp_file<>(options().dir(d_t)), 2 threads, separate directories"},
};

const op_case* find_case(const std::string& id)
{
    for (const op_case& c : op_cases)
        if (id == c.id)
            return &c;
    return nullptr;
}

void prepare_thread_dirs(const context& c)
{
    for (const char* s : {"s", "a", "b"})
        if (::mkdir(sub(c, s).c_str(), 0700) != 0 && errno != EEXIST)
            fail("mkdir " + sub(c, s));
}

int run_op(int argc, char** argv)
{
    if (argc < 3)
        return 2;
    const op_case* oc = find_case(argv[2]);
    if (!oc)
    {
        std::fprintf(stderr, "bench_tempfile: unknown case %s (see: bench_tempfile list)\n", argv[2]);
        return 2;
    }
    long n = 20000, warmup = 1000;
    const char* tmp = std::getenv("TMPDIR");
    context c;
    c.dir = tmp && *tmp ? tmp : "/tmp";
    for (int i = 3; i + 1 < argc; i += 2)
    {
        const std::string a = argv[i];
        if (a == "--n")
            n = std::atol(argv[i + 1]);
        else if (a == "--warmup")
            warmup = std::atol(argv[i + 1]);
        else if (a == "--dir")
            c.dir = argv[i + 1];
        else
        {
            std::fprintf(stderr, "bench_tempfile: unknown option %s\n", a.c_str());
            return 2;
        }
    }
    c.in_dir.dir(c.dir);
    if (std::strncmp(oc->id, "thr.", 4) == 0)
        prepare_thread_dirs(c);
    if (warmup > 0)
        oc->fn(c, warmup);
    const std::uint64_t c0 = clock_ns(CLOCK_PROCESS_CPUTIME_ID), w0 = clock_ns(CLOCK_MONOTONIC);
    oc->fn(c, n);
    const std::uint64_t w1 = clock_ns(CLOCK_MONOTONIC), c1 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
    const double ops = n > 0 ? double(n) * oc->threads : 1.0;
    std::printf("%s\t%.1f\t%.1f\n", oc->id, double(w1 - w0) / ops, double(c1 - c0) / ops);
    return 0;
}

// ---------------------------------------------------------------- trees

int subdir(int parent, const char* name)
{
    if (::mkdirat(parent, name, 0755) != 0)
        fail(std::string("mkdirat ") + name);
    const int fd = ::openat(parent, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        fail(std::string("openat ") + name);
    return fd;
}

long fill(int dirfd)
{
    char name[16];
    for (int i = 0; i < 100; ++i)
    {
        std::snprintf(name, sizeof name, "f%02d", i);
        const int fd = ::openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0 || ::write(fd, "x", 1) != 1)
            fail(std::string("create ") + name);
        ::close(fd);
    }
    return 100;
}

//! Builds SHAPE under root (made if missing); returns the entries below root.
long make_tree(const std::string& root, const std::string& shape)
{
    // Write back what earlier work left dirty, so that it does not land in a timed removal.
    ::sync();
    if (::mkdir(root.c_str(), 0755) != 0 && errno != EEXIST)
        fail("mkdir " + root);
    const int rfd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (rfd < 0)
        fail("open " + root);
    long entries = 0;
    char name[16];
    if (shape == "flat" || shape == "small")
    {
        const int dirs = shape == "flat" ? 1000 : 100;
        for (int d = 0; d < dirs; ++d)
        {
            std::snprintf(name, sizeof name, "d%03d", d);
            const int fd = subdir(rfd, name);
            entries += 1 + fill(fd);
            ::close(fd);
        }
    }
    else if (shape == "empty")
    {
    }
    else if (shape == "deep")
    {
        for (int chain = 0; chain < 100; ++chain)
        {
            std::snprintf(name, sizeof name, "c%02d", chain);
            int fd = subdir(rfd, name);
            entries += 1 + fill(fd);
            for (int level = 1; level < 10; ++level)
            {
                std::snprintf(name, sizeof name, "l%d", level);
                const int next = subdir(fd, name);
                ::close(fd);
                fd = next;
                entries += 1 + fill(fd);
            }
            ::close(fd);
        }
    }
    else
    {
        std::fprintf(stderr, "bench_tempfile: unknown shape %s\n", shape.c_str());
        std::exit(2);
    }
    ::close(rfd);
    return entries;
}

std::string unique_root(const std::string& base, const std::string& tag)
{
    // A new name every time: on ext4 a top-level directory's block group is
    // chosen afresh (with chattr +T on BASE) instead of reusing the inodes
    // that the previous removal just freed.
    return base + "/" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(clock_ns(CLOCK_MONOTONIC));
}

bool exists(const std::string& p)
{
    struct stat st;
    return ::lstat(p.c_str(), &st) == 0;
}

void run_rm_rf(const std::string& root)
{
    const char* args[] = {"rm", "-rf", "--", root.c_str(), nullptr};
    pid_t pid;
    if (posix_spawnp(&pid, "rm", nullptr, nullptr, const_cast< char** >(args), environ) != 0)
        fail("posix_spawnp rm");
    int st = 0;
    if (::waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
        fail("rm -rf " + root);
}

int run_tree_rm(const std::string& method, const std::string& base, const std::string& shape)
{
    std::optional< tf::temp_dir<> > owner;
    std::string root;
    long entries;
    if (method == "lib")
    {
        owner.emplace(tf::options().dir(base).prefix("lib-"));
        root = owner->path().string();
        entries = make_tree(root, shape);
    }
    else
    {
        root = unique_root(base, method);
        entries = make_tree(root, shape);
    }
    std::uintmax_t removed = 0;
    const std::uint64_t c0 = clock_ns(CLOCK_PROCESS_CPUTIME_ID), w0 = clock_ns(CLOCK_MONOTONIC);
    if (method == "lib")
        owner.reset();
    else if (method == "std")
        removed = std::filesystem::remove_all(root);
    else if (method == "boost")
        removed = bfs::remove_all(root);
    else if (method == "rm")
        run_rm_rf(root);
    else
    {
        std::fprintf(stderr, "bench_tempfile: unknown method %s\n", method.c_str());
        return 2;
    }
    const std::uint64_t w1 = clock_ns(CLOCK_MONOTONIC), c1 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
    if (exists(root))
    {
        std::fprintf(stderr, "bench_tempfile: %s left %s\n", method.c_str(), root.c_str());
        return 1;
    }
    if (removed != 0 && removed != static_cast< std::uintmax_t >(entries + 1))
        std::fprintf(stderr, "bench_tempfile: %s removed %ju entries, expected %ld\n", method.c_str(), removed,
                     entries + 1);
    // rm's CPU time is its child's, not ours: reported as 0 (not measured).
    std::printf("tree.%s.%s\t%.3f\t%.3f\t%ld\n", shape.c_str(), method.c_str(), double(w1 - w0) / 1e6,
                method == "rm" ? 0.0 : double(c1 - c0) / 1e6, entries);
    return 0;
}

int run_tree_strace(const std::string& method, const std::string& base, const std::string& shape)
{
    if (method == "lib" || method == "lib-keep")
    {
        // Both variants build the same tree in the same way; only the first
        // removes it, so the difference of their syscall counts is the removal.
        if (method == "lib")
        {
            tf::temp_dir<> d(tf::options().dir(base).prefix("lib-"));
            make_tree(d.path().string(), shape);
        }
        else
        {
            tf::temp_dir< tf::keep > d(tf::options().dir(base).prefix("lib-"));
            make_tree(d.path().string(), shape);
            std::printf("%s\n", d.path().c_str());
        }
        return 0;
    }
    if (method == "std")
        std::filesystem::remove_all(base);
    else if (method == "boost")
        bfs::remove_all(base);
    else
        return 2;
    return 0;
}

// ---------------------------------------------------------------- negative dentries

//! Fields of /proc/sys/fs/dentry-state: nr_dentry nr_unused age_limit want_pages nr_negative.
std::vector< long > dentry_state()
{
    std::vector< long > v;
    std::ifstream in("/proc/sys/fs/dentry-state");
    long x;
    while (in >> x)
        v.push_back(x);
    v.resize(6, -1);
    return v;
}

double timed_ns_per_op(loop_fn fn, const context& c, long n)
{
    const std::uint64_t w0 = clock_ns(CLOCK_MONOTONIC);
    fn(c, n);
    return double(clock_ns(CLOCK_MONOTONIC) - w0) / double(n);
}

double median(std::vector< double > v)
{
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

//! Alternates the library (in `c`) and the floor (in `c`), `reps` times each.
void dentry_sample(const char* stage, const context& c, long sample)
{
    std::vector< double > lib, floor;
    for (int r = 0; r < 5; ++r)
    {
        lib.push_back(timed_ns_per_op(lib_named_dir, c, sample));
        floor.push_back(timed_ns_per_op(floor_named, c, sample));
    }
    const std::vector< long > d = dentry_state();
    std::printf("%s\t%ld\t%ld\t%.1f\t%.1f\n", stage, d[0], d[4], median(lib), median(floor));
    std::fflush(stdout);
}

int run_dentries(int argc, char** argv)
{
    if (argc < 5)
        return 2;
    const std::string dir = argv[2];
    const long total = std::atol(argv[3]), sample = std::atol(argv[4]);
    const bool drop = argc > 5 && std::string(argv[5]) == "--drop";
    auto ctx_in = [](const std::string& d) {
        if (::mkdir(d.c_str(), 0700) != 0 && errno != EEXIST)
            fail("mkdir " + d);
        context c;
        c.dir = d;
        c.in_dir.dir(d);
        return c;
    };
    const context a = ctx_in(dir + "/a");
    std::printf("stage\tnr_dentry\tnr_negative\tlib_ns_per_op\tfloor_ns_per_op\n");
    dentry_sample("start (dir a empty)", a, sample);
    const long chunk = total / 10;
    for (int k = 0; k < 10; ++k)
    {
        const double ns = timed_ns_per_op(lib_named_dir, a, chunk);
        const std::vector< long > d = dentry_state();
        std::printf("chunk %d of 10 (%ld create+destroy)\t%ld\t%ld\t%.1f\t-\n", k + 1, chunk, d[0], d[4], ns);
        std::fflush(stdout);
    }
    const std::string after = "after " + std::to_string(total) + " create+destroy";
    dentry_sample((after + ", dir a").c_str(), a, sample);
    const context b = ctx_in(dir + "/b");
    dentry_sample((after + ", new dir b").c_str(), b, sample);
    if (drop)
    {
        std::ofstream("/proc/sys/vm/drop_caches") << "2\n";
        dentry_sample("after drop_caches=2, dir a", a, sample);
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    std::memset(g_page, 'x', sizeof g_page);
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "list")
    {
        for (const op_case& c : op_cases)
            std::printf("%s\t%s\n", c.id, c.desc);
        return 0;
    }
    if (mode == "op")
        return run_op(argc, argv);
    if (mode == "tree-make" && argc == 4)
    {
        std::printf("%ld\n", make_tree(argv[2], argv[3]));
        return 0;
    }
    if (mode == "tree-rm" && argc == 5)
        return run_tree_rm(argv[2], argv[3], argv[4]);
    if (mode == "tree-strace" && argc >= 4)
        return run_tree_strace(argv[2], argv[3], argc > 4 ? argv[4] : "");
    if (mode == "dentries")
        return run_dentries(argc, argv);
    std::fprintf(stderr, "usage: see the comment at the top of bench/bench_tempfile.cpp\n");
    return 2;
}
