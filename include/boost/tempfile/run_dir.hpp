// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_RUN_DIR_HPP
#define BOOST_TEMPFILE_RUN_DIR_HPP
#pragma once

// Crash-proof cleanup: a run directory per process that the next start of
// the same application removes when the process that made it is gone --
// also after SIGKILL, the OOM killer or a power loss, when no destructor,
// exit handler or signal handler ran.
//
// Layout: <parent>/<app>-<user>/ is the application's root (0700, the
// user's, never a symlink: refused otherwise, see open_run_root), and
// inside it one directory per run, "run-<pid>-<random>". Anything else in
// the root is never touched. A run is alive while its lock is held (POSIX:
// flock on the run directory's descriptor; Windows: a lock file inside the
// run held open without sharing) -- a lock the kernel drops when the process
// dies, so that neither a reused pid nor a reboot makes a dead run look
// alive. A sweep (sweep_runs, and every run_dir's construction) takes each
// run's lock without waiting: got it, the owner is dead and the run is
// removed with the hardened walk of temp_dir (detail/remove_tree.hpp) while
// the lock is held; busy, it is alive and left alone. How a run being made
// is kept from the sweep is in detail/{posix,windows}/run_ops.hpp.
//
// The run_dir removes its run when it ends, at exit and at a deadly signal
// (the exit registry of also_at_exit), in the process that made it only: a
// forked child's copy is inert (decision 1), but on POSIX the child shares
// the lock's open file description, so the run stays alive while the child
// lives even after the parent died.

#include <boost/tempfile/detail/create.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/exit_registry.hpp>
#include <boost/tempfile/detail/identity.hpp>
#include <boost/tempfile/detail/path_chars.hpp>
#include <boost/tempfile/detail/policy_checks.hpp>
#include <boost/tempfile/detail/process.hpp>
#include <boost/tempfile/detail/remove_tree.hpp>
#include <boost/tempfile/detail/run_ops.hpp>
#include <boost/tempfile/empty.hpp>
#include <boost/tempfile/naming.hpp>
#include <boost/tempfile/options.hpp>
#include <boost/tempfile/platform.hpp>

#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>
#include <boost/core/no_exceptions_support.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace boost {
namespace tempfile {

//! How many dead runs a sweep leaves in place for post-mortem: the newest
//! `count` (by their directory's modification time). 0, the default,
//! removes every dead run. list_dead_runs() lists the ones kept too.
struct keep_crashed_runs
{
    std::size_t count = 0;
    constexpr explicit keep_crashed_runs(std::size_t n = 0) noexcept : count(n) {}
};

namespace detail {

//! Random characters in the name of a run.
constexpr std::size_t run_random_length = random_name<>::length;

//! An application name becomes part of a directory name on every system:
//! letters, digits, '.', '_' and '-', not starting with '.', at most 64.
inline bool valid_app_name(const std::string& app) noexcept
{
    if (app.empty() || app.size() > 64 || app[0] == '.')
        return false;
    return std::all_of(app.begin(), app.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
               c == '-';
    });
}

template< typename Char >
bool in_name_alphabet(Char c) noexcept
{
    for (const char* a = name_alphabet; *a; ++a)
        if (c == static_cast< Char >(*a))
            return true;
    return false;
}

enum class run_name
{
    other,   // not the library's: never touched
    run,     // run-<pid>-<random>
    staging  // .new-<random>: a run being made (POSIX)
};

//! Whether `name`, an entry of an application's root, is one the library made.
template< typename Char >
run_name classify_run_name(const std::basic_string< Char >& name) noexcept
{
    const auto starts = [&name](const char* text, std::size_t n) {
        if (name.size() < n)
            return false;
        for (std::size_t i = 0; i < n; ++i)
            if (name[i] != static_cast< Char >(text[i]))
                return false;
        return true;
    };
    const auto random_tail = [&name](std::size_t from) {
        if (name.size() != from + run_random_length)
            return false;
        for (std::size_t i = from; i < name.size(); ++i)
            if (!in_name_alphabet(name[i]))
                return false;
        return true;
    };
    if (starts(".new-", 5) && random_tail(5))
        return run_name::staging;
    if (!starts("run-", 4))
        return run_name::other;
    std::size_t i = 4;
    while (i < name.size() && i < 4 + 20 && name[i] >= Char('0') && name[i] <= Char('9'))
        ++i;
    if (i == 4 || i >= name.size() || name[i] != Char('-'))
        return run_name::other;
    return random_tail(i + 1) ? run_name::run : run_name::other;
}

//! The last component of a path built by the creation loop.
inline const path_char* leaf_of(const path_char* full) noexcept
{
    const path_char* leaf = full;
    for (const path_char* p = full; *p; ++p)
        if (is_separator(*p))
            leaf = p + 1;
    return leaf;
}

//! A held run that is let go however the scope ends (std::bad_alloc too).
template< typename Platform >
struct held_run
{
    run_lock lock;
    held_run() noexcept = default;
    held_run(const held_run&) = delete;
    held_run& operator=(const held_run&) = delete;
    ~held_run() { release_run(Platform{}, lock); }
};

//! The application's root, open and checked.
template< typename Platform >
struct run_root_session
{
    run_root root;
    filesystem::path path;
    bool absent = false; // a sweep found no root: nothing to do
    run_root_session() noexcept = default;
    run_root_session(const run_root_session&) = delete;
    run_root_session& operator=(const run_root_session&) = delete;
    ~run_root_session() { close_run_root(Platform{}, root); }
};

inline const char* root_refusal_text(root_refusal why) noexcept
{
    switch (why)
    {
    case root_refusal::cannot_create:
        return ": cannot create the application's run root";
    case root_refusal::symlink:
        return ": the application's run root is a symbolic link (or another reparse point); refused, nothing "
               "removed: someone may have made it to redirect where runs are made and removed";
    case root_refusal::not_directory:
        return ": the application's run root is not a directory; refused, nothing removed";
    case root_refusal::foreign_owner:
        return ": the application's run root is owned by another user; refused, nothing removed: someone may have "
               "made it in advance to read or plant the runs";
    case root_refusal::cannot_repair:
        return ": cannot give the application's run root its mode 0700";
    default:
        return ": cannot open the application's run root";
    }
}

//! Checks the application name and the options, finds the parent, and opens
//! (creating it when `create`) the root. False: reported, or `absent`.
template< typename Platform >
bool open_app_root(const std::string& app, const options& opts, bool create, run_root_session< Platform >& s,
                   const char* who, system::error_code* ec)
{
    filesystem::path storage;
    const filesystem::path& parent = creation_dir(opts, storage, ec);
    if (parent.empty())
        return false;
    if (!valid_app_name(app))
    {
        report(errc_code(system::errc::invalid_argument),
               std::string(who) + ": the application name " + quoted_text(app) +
                   " is not usable in a directory name (1 to 64 of the letters, digits, '.', '_' and '-', not "
                   "starting with '.')",
               parent, ec);
        return false;
    }
    if (opts.has_prefix() || opts.has_suffix() || opts.has_pattern())
    {
        report(errc_code(system::errc::invalid_argument),
               std::string(who) + ": a run's name is the library's (the next start must recognise it): a prefix, "
                                  "suffix or pattern cannot be honoured; only options().dir() and attempts() apply",
               parent, ec);
        return false;
    }
    int err = 0;
    const std::string user = user_tag(Platform{}, err);
    if (user.empty())
    {
        report(errno_code(err), std::string(who) + ": cannot tell the current user (the run root is per user) in",
               parent, ec);
        return false;
    }
    s.path = parent / (app + "-" + user);
    root_refusal why = root_refusal::none;
    if (open_run_root(Platform{}, s.path.c_str(), create, s.root, why, err))
    {
        clear(ec);
        return true;
    }
    if (why == root_refusal::absent)
    {
        s.absent = true;
        clear(ec);
        return false;
    }
    report(errno_code(err), std::string(who) + root_refusal_text(why), s.path, ec);
    return false;
}

//! What a sweep does with the dead runs it finds.
struct sweep_plan
{
    std::size_t keep = 0;                         // the newest dead runs left in place
    bool remove = true;                           // false: only list them
    std::vector< filesystem::path >* listed = nullptr;
};

//! Sweeps the dead runs of the root `s`: the number removed; the first
//! failure is reported after all that could be removed was.
template< typename Platform >
std::size_t sweep_root(run_root_session< Platform >& s, const sweep_plan& plan, const char* who,
                       system::error_code* ec)
{
    std::vector< path_string > names;
    int err = 0;
    if (!list_run_root(Platform{}, s.root, names, err))
    {
        report(errno_code(err), std::string(who) + ": cannot list the application's run root", s.path, ec);
        return 0;
    }
    system::error_code first;
    filesystem::path first_where;
    const char* first_why = nullptr;
    const auto note = [&](system::error_code e, const filesystem::path& where, const char* why) {
        if (!first)
        {
            first = e;
            first_where = where;
            first_why = why;
        }
    };
    std::size_t removed = 0;
    const auto remove_run = [&](const filesystem::path& p, held_run< Platform >& held) {
        const removal_result r =
            remove_directory< Platform >(p, held.lock.id, handle_for_removal(Platform{}, held.lock), true);
        if (r.error)
            note(r.error, r.where, ": cannot remove all of a dead run (the next sweep tries again)");
        else
            ++removed;
    };
    struct candidate
    {
        long long mtime;
        path_string name;
        bool staging;
    };
    std::vector< candidate > dead;
    const bool at_once = plan.remove && plan.keep == 0;
    for (const path_string& name : names)
    {
        const run_name kind = classify_run_name(name);
        if (kind == run_name::other)
            continue;
        const filesystem::path p = s.path / name;
        held_run< Platform > held;
        switch (probe_run(Platform{}, s.root, p.c_str(), name.c_str(), kind == run_name::staging, held.lock, err))
        {
        case run_probe::dead:
            if (plan.listed)
                plan.listed->push_back(p);
            if (at_once)
                remove_run(p, held);
            else
                dead.push_back(candidate{held.lock.mtime, name, kind == run_name::staging});
            break;
        case run_probe::failed:
            note(errno_code(err), p, ": cannot tell whether a run is alive");
            break;
        default:
            break;
        }
    }
    if (plan.remove && !dead.empty())
    {
        std::sort(dead.begin(), dead.end(), [](const candidate& a, const candidate& b) {
            return a.mtime != b.mtime ? a.mtime > b.mtime : a.name > b.name;
        });
        for (std::size_t i = plan.keep; i < dead.size(); ++i)
        {
            const filesystem::path p = s.path / dead[i].name;
            held_run< Platform > held;
            // Looked at again: the lock was let go meanwhile.
            const run_probe again =
                probe_run(Platform{}, s.root, p.c_str(), dead[i].name.c_str(), dead[i].staging, held.lock, err);
            if (again == run_probe::dead)
                remove_run(p, held);
            else if (again == run_probe::failed)
                note(errno_code(err), p, ": cannot tell whether a run is alive");
        }
    }
    if (first)
        report(first, std::string(who) + first_why, first_where, ec);
    else
        clear(ec);
    return removed;
}

template< typename Platform >
std::size_t sweep_app(const std::string& app, const options& opts, const sweep_plan& plan, const char* who,
                      system::error_code* ec)
{
    run_root_session< Platform > s;
    if (!open_app_root< Platform >(app, opts, false, s, who, ec))
        return 0;
    return sweep_root< Platform >(s, plan, who, ec);
}

} // namespace detail

//! This process's run directory of application `app` (see the header comment).
template< typename Platform = native_platform >
class basic_run_dir
{
    static constexpr const char* who = "boost::tempfile::run_dir";

public:
    using platform_type = Platform;
    using native_handle_type = typename detail::handle_type_of< Platform >::type;

    //! Sweeps the dead runs of `app` in the root under temp_directory_path()
    //! (or opts.dir()), then makes this process's run there, 0700, locked,
    //! registered for removal at exit and at a deadly signal. Throws
    //! filesystem_error naming the root (a hostile root is refused: see
    //! doc/run_dir.adoc) or the parent; invalid_argument for an application
    //! name other than 1 to 64 of [A-Za-z0-9._-] not starting with '.', or
    //! for a prefix, suffix or pattern in `opts`.
    explicit basic_run_dir(const std::string& app) { create(app, detail::default_options(), 0, nullptr); }
    basic_run_dir(const std::string& app, const options& opts) { create(app, opts, 0, nullptr); }
    basic_run_dir(const std::string& app, const options& opts, keep_crashed_runs keep)
    {
        create(app, opts, keep.count, nullptr);
    }

    //! As above; on failure sets ec and leaves the object empty.
    basic_run_dir(const std::string& app, system::error_code& ec)
    {
        create(app, detail::default_options(), 0, &ec);
    }
    basic_run_dir(const std::string& app, const options& opts, system::error_code& ec)
    {
        create(app, opts, 0, &ec);
    }
    basic_run_dir(const std::string& app, const options& opts, keep_crashed_runs keep, system::error_code& ec)
    {
        create(app, opts, keep.count, &ec);
    }

    //! An object that owns nothing, to move a real one into later.
    explicit basic_run_dir(empty_t) noexcept {}

    basic_run_dir(basic_run_dir&& other) noexcept
        : path_(std::move(other.path_)), root_(std::move(other.root_)), lock_(other.lock_),
          generation_(other.generation_), entry_(other.entry_), swept_(other.swept_), owned_(other.owned_),
          removed_(other.removed_)
    {
        other.forget();
    }

    basic_run_dir& operator=(basic_run_dir&& other) noexcept
    {
        if (this != &other)
        {
            dispose();
            path_ = std::move(other.path_);
            root_ = std::move(other.root_);
            lock_ = other.lock_;
            generation_ = other.generation_;
            entry_ = other.entry_;
            swept_ = other.swept_;
            owned_ = other.owned_;
            removed_ = other.removed_;
            other.forget();
        }
        return *this;
    }

    basic_run_dir(const basic_run_dir&) = delete;
    basic_run_dir& operator=(const basic_run_dir&) = delete;

    //! Removes the run with everything in it (in the creating process only)
    //! and lets go of its lock. Never throws.
    ~basic_run_dir() { dispose(); }

    //! Absolute path of this run's directory; empty if creation failed.
    const filesystem::path& path() const noexcept { return path_; }

    //! The application's root: the parent of path().
    const filesystem::path& root() const noexcept { return root_; }

    //! The run directory's handle (POSIX: the locked descriptor).
    native_handle_type native_handle() const noexcept { return detail::native_run_handle(Platform{}, lock_); }

    //! How many dead runs the construction removed.
    std::size_t swept() const noexcept { return swept_; }

    //! Whether this object will still remove the run.
    bool owns_directory() const noexcept { return owned_; }

    //! Removes the run now, with its contents. A failure keeps the run owned
    //! and locked: a later remove() or the destructor tries again. Refused
    //! with operation_not_permitted in a forked child and in an object that
    //! owns nothing; a second remove() after a successful one does nothing.
    void remove() { remove_impl(nullptr); }
    void remove(system::error_code& ec) { remove_impl(&ec); }

    //! From now on the run is never removed by this object: not at its end,
    //! not at exit or at a deadly signal. The lock stays held until the
    //! object ends, so the run is alive until then; afterwards it is a dead
    //! run, which a sweep removes unless keep_crashed_runs keeps it (how a
    //! test program keeps its last runs, see <boost/tempfile/test_dirs.hpp>).
    //! remove() is refused afterwards. In a forked child, as every owner's
    //! keep(): the child's copy stops owning, the parent's is unchanged.
    void keep() noexcept
    {
        if (!owned_)
            return;
        if (created_here())
            detail::unregister_for_exit(entry_);
        entry_ = nullptr;
        owned_ = false;
    }

private:
    void create(const std::string& app, const options& opts, std::size_t keep, system::error_code* ec)
    {
        detail::run_root_session< Platform > s;
        if (!detail::open_app_root< Platform >(app, opts, true, s, who, ec))
            return;
        {
            // The construction's sweep is best effort: a dead run that
            // cannot be removed now is tried again by the next one.
            system::error_code ignored;
            detail::sweep_plan plan;
            plan.keep = keep;
            swept_ = detail::sweep_root< Platform >(s, plan, who, &ignored);
        }
        constexpr bool stages = detail::stages_runs(Platform{});
        const std::string pid = std::to_string(detail::current_process(system_platform{}));
        const std::string run_prefix = "run-" + pid + "-";
        options naming;
        naming.prefix(stages ? ".new-" : run_prefix).attempts(opts.attempts());
        // The final path's storage is taken before anything exists: nothing
        // allocates once the directory is made.
        const detail::path_string& root = s.path.native();
        detail::path_string final_path(root.size() + 1 + run_prefix.size() + detail::run_random_length,
                                       detail::path_char('x'));
        detail::path_string full;
        detail::run_lock lock;
        const detail::exit_creation_scope scope{};
        (void)scope;
        const bool made = detail::create_unique_entry< random_name<> >(
            naming, s.path,
            [&s](const detail::path_char* p, int& e) noexcept {
                return detail::make_run_entry(Platform{}, s.root, p, detail::leaf_of(p), e);
            },
            full, who, "a run directory", ec);
        if (!made)
            return;
        const detail::path_char* leaf = detail::leaf_of(full.c_str());
        int err = 0;
        if (!detail::open_new_run(Platform{}, s.root, full.c_str(), leaf, lock, err))
        {
            detail::discard_new_run(Platform{}, s.root, full.c_str(), leaf, lock);
            detail::report(detail::errno_code(err), std::string(who) + ": cannot open and lock the new run directory",
                           s.path, filesystem::path(full), ec);
            return;
        }
        if (stages)
        {
            // root + separator + "run-<pid>-" + the random part of ".new-<random>"
            std::copy(full.begin(), full.begin() + static_cast< std::ptrdiff_t >(leaf - full.c_str()),
                      final_path.begin());
            detail::path_char* out = &final_path[static_cast< std::size_t >(leaf - full.c_str())];
            for (const char c : run_prefix)
                *out++ = static_cast< detail::path_char >(c);
            std::copy(leaf + 5, leaf + 5 + detail::run_random_length, out);
            if (!detail::publish_run(Platform{}, s.root, leaf, detail::leaf_of(final_path.c_str()), err))
            {
                detail::discard_new_run(Platform{}, s.root, full.c_str(), leaf, lock);
                detail::report(detail::errno_code(err),
                               std::string(who) + ": cannot give the new run directory its run name", s.path,
                               filesystem::path(full), ec);
                return;
            }
        }
        else
            final_path.swap(full);
        path_ = detail::adopt_name(final_path, [&s, &final_path, &lock]() noexcept {
            detail::discard_new_run(Platform{}, s.root, final_path.c_str(), detail::leaf_of(final_path.c_str()), lock);
        });
        lock_ = lock;
        root_ = std::move(s.path);
        generation_ = detail::fork_generation();
        owned_ = true;
        entry_ = detail::register_for_exit(path_, entry_kind::directory, true);
        detail::clear(ec);
    }

    bool created_here() const noexcept { return generation_ == detail::fork_generation(); }

    void remove_impl(system::error_code* ec)
    {
        if (!path_.empty() && !created_here())
        {
            detail::report(detail::errc_code(system::errc::operation_not_permitted),
                           std::string(who) + "::remove" + detail::forked_child_refusal, path_, ec);
            return;
        }
        if (!owned_)
        {
            if (removed_)
                return detail::clear(ec); // a second remove() has nothing to do
            detail::report(detail::errc_code(system::errc::operation_not_permitted),
                           std::string(who) + "::remove: the object owns no run (it was kept, removed or moved from, "
                                              "or its creation failed); nothing removed",
                           path_, ec);
            return;
        }
        const detail::removal_result r = remove_now();
        if (r.error)
        {
            detail::report(r.error,
                           std::string(who) + "::remove: the run is still owned: a later remove() or the "
                                              "destructor tries again",
                           r.where, ec);
            return;
        }
        detail::unregister_for_exit(entry_);
        entry_ = nullptr;
        owned_ = false;
        removed_ = true;
        detail::release_run(Platform{}, lock_);
        detail::clear(ec);
    }

    detail::removal_result remove_now()
    {
        return detail::remove_directory< Platform >(path_, lock_.id, detail::handle_for_removal(Platform{}, lock_),
                                                    true);
    }

    void dispose() noexcept
    {
        if (owned_ && created_here())
        {
            detail::unregister_for_exit(entry_);
            BOOST_TRY
            {
                remove_now();
            }
            BOOST_CATCH(...)
            {
            }
            BOOST_CATCH_END
        }
        // In a forked child this closes the child's copy only: the parent's
        // lock stays (POSIX: the open file description is shared).
        detail::release_run(Platform{}, lock_);
        entry_ = nullptr;
        owned_ = false;
    }

    void forget() noexcept
    {
        lock_ = detail::run_lock();
        entry_ = nullptr;
        owned_ = false;
        removed_ = false;
        swept_ = 0;
        path_.clear();
        root_.clear();
    }

    filesystem::path path_;
    filesystem::path root_;
    detail::run_lock lock_;
    unsigned generation_ = 0;
    detail::exit_entry* entry_ = nullptr;
    std::size_t swept_ = 0;
    bool owned_ = false;
    bool removed_ = false; // by remove(): a second remove() has nothing to do
};

//! The run directory of the native platform.
using run_dir = basic_run_dir<>;

//! Removes the runs of `app` whose process is gone (in the root under
//! temp_directory_path(), or opts.dir()), keeping the newest `keep.count`
//! of them; returns how many were removed. Never touches a live run, an
//! entry the library did not make, or another application's root. A root
//! that does not exist is no error (0). Throws filesystem_error: a hostile
//! root (nothing removed), or -- after removing all it could -- the first
//! run it could not remove or look at.
inline std::size_t sweep_runs(const std::string& app, const options& opts = options(),
                              keep_crashed_runs keep = keep_crashed_runs())
{
    detail::sweep_plan plan;
    plan.keep = keep.count;
    return detail::sweep_app< native_platform >(app, opts, plan, "boost::tempfile::sweep_runs", nullptr);
}

//! As above; sets ec instead of throwing (the count is what was removed).
inline std::size_t sweep_runs(const std::string& app, const options& opts, system::error_code& ec)
{
    return detail::sweep_app< native_platform >(app, opts, detail::sweep_plan(), "boost::tempfile::sweep_runs", &ec);
}
inline std::size_t sweep_runs(const std::string& app, const options& opts, keep_crashed_runs keep,
                              system::error_code& ec)
{
    detail::sweep_plan plan;
    plan.keep = keep.count;
    return detail::sweep_app< native_platform >(app, opts, plan, "boost::tempfile::sweep_runs", &ec);
}
inline std::size_t sweep_runs(const std::string& app, system::error_code& ec)
{
    return sweep_runs(app, options(), ec);
}

//! The dead runs of `app` (the ones a sweep would remove, and the ones
//! keep_crashed_runs kept), removing nothing: for post-mortem.
inline std::vector< filesystem::path > list_dead_runs(const std::string& app, const options& opts = options())
{
    std::vector< filesystem::path > found;
    detail::sweep_plan plan;
    plan.remove = false;
    plan.listed = &found;
    detail::sweep_app< native_platform >(app, opts, plan, "boost::tempfile::list_dead_runs", nullptr);
    return found;
}
inline std::vector< filesystem::path > list_dead_runs(const std::string& app, const options& opts,
                                                      system::error_code& ec)
{
    std::vector< filesystem::path > found;
    detail::sweep_plan plan;
    plan.remove = false;
    plan.listed = &found;
    detail::sweep_app< native_platform >(app, opts, plan, "boost::tempfile::list_dead_runs", &ec);
    return found;
}

} // namespace tempfile
} // namespace boost

#endif
