// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_REMOVE_TREE_HPP
#define BOOST_TEMPFILE_DETAIL_REMOVE_TREE_HPP
#pragma once

// Removes a directory tree that an owner made, on every platform, written
// once over the walk's primitives (detail/dir_ops.hpp):
// - the root is removed first, by name and only if the name still means the
//   directory made (POSIX: one lstat, one rmdir), or through a handle
//   pinning it (Windows); only a directory that is not empty is walked;
// - every entry is reached through the directory holding it (POSIX: its
//   descriptor; Windows: a path whose every directory is pinned -- held
//   without FILE_SHARE_DELETE -- so that the prefix keeps meaning the
//   directories checked); a symlink, junction or mount point is removed
//   itself or left as found, never entered (see the primitives);
// - directories made unwritable or unsearchable inside the tree, and the
//   root itself, are repaired through a handle of their own (never a chmod
//   by name), once per level;
// - the walk is iterative and holds at most walk_open_limit() descriptors:
//   an ancestor whose descriptor was let go is found again through ".." of
//   its child and accepted only if it is the same directory;
// - a directory whose removal says "not empty" is listed again, up to
//   removal_passes times: a pass can miss entries created meanwhile, or
//   moved by the deletions themselves;
// - the first error is kept with its path; the walk goes on removing all it
//   can, and entries that failed are not tried again in the same walk;
// - std::bad_alloc (the only exception) leaves no handle open: whatever
//   allocates is done before a handle is taken, and the levels held are
//   closed by the destructor.
// Paths are built only to report an error, and on Windows to reach entries.

#include <boost/tempfile/detail/dir_ops.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/identity.hpp>
#include <boost/tempfile/detail/path_chars.hpp>

#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>
#include <boost/core/no_exceptions_support.hpp>

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace boost {
namespace tempfile {
namespace detail {

//! The first error of a removal and where it happened.
struct removal_result
{
    system::error_code error;
    filesystem::path where;
    //! The error is a mount point inside the tree (`where`), not entered
    //! and left as it was; `error` is EXDEV.
    bool mount_point = false;
};

//! Times a directory is listed again when its removal says "not empty".
constexpr int removal_passes = 3;

template< typename Platform >
class tree_remover
{
public:
    //! `root`: the directory's path; `id`: its identity when it was made.
    tree_remover(const filesystem::path& root, const file_identity& id) noexcept : root_path_(root), id_(id) {}

    tree_remover(const tree_remover&) = delete;
    tree_remover& operator=(const tree_remover&) = delete;

    ~tree_remover() { close_all(); }

    //! Removes the directory -- with its contents when `recursive` -- if
    //! its name still means the directory made. `held`: the owner's handle
    //! on it (invalid at exit: then it is opened by name and checked).
    removal_result run(typename Platform::native_handle_type held, bool recursive)
    {
        walk_dir root;
        int err = 0;
        const root_status opened = open_root(Platform{}, root_path_.c_str(), id_, held, root, err);
        if (opened == root_status::gone)
            return {};
        if (opened == root_status::failed)
        {
            result_.error = errno_code(err);
            result_.where = root_path_;
            return std::move(result_);
        }
        // One removal takes the common empty directory; only a full one is walked.
        if (remove_root(Platform{}, root, root_path_.c_str(), id_, err) || classify(Platform{}, err) == walk_error::gone)
        {
            close_level_dir(root, 1);
            return std::move(result_);
        }
        const walk_error why = classify(Platform{}, err);
        // stale: the name was replaced; the tree made is still emptied
        // through the handle held, and the stranger's entry is left alone.
        if (!recursive || (why != walk_error::not_empty && why != walk_error::stale))
        {
            note(err, 0, nullptr);
            close_level_dir(root, 1);
            return std::move(result_);
        }
        stack_.reserve(8); // may throw: `root` closes itself then
        stack_.push_back(level(std::move(root)));
        start_walk(Platform{}, tree_, stack_.front().dir);
        walk();
        return std::move(result_);
    }

private:
    struct level
    {
        level() noexcept = default;
        explicit level(walk_dir&& d) noexcept : dir(std::move(d)) {}

        walk_dir dir;
        path_string name; // in the parent; empty at the root
        int passes = 0;
        bool repaired = false; // mode already widened once
        std::vector< path_string > failed;

        bool gave_up(const path_char* n) const
        {
            return !failed.empty() && std::find(failed.begin(), failed.end(), n) != failed.end();
        }
    };

    bool is_root(const level& l) const noexcept { return &l == &stack_.front(); }

    void walk()
    {
        while (!stack_.empty())
        {
            if (!ensure_listing())
            {
                finish_level();
                continue;
            }
            level& current = stack_.back();
            const path_char* name = nullptr;
            walk_hint hint = walk_hint::unknown;
            int err = 0;
            const walk_read r = read_entry(Platform{}, current.dir, name, hint, err);
            if (r != walk_read::entry)
            {
                if (r == walk_read::failed)
                    note(err, stack_.size(), nullptr);
                finish_level();
                continue;
            }
            if (current.gave_up(name))
                continue;
            if (hint == walk_hint::directory || !unlink_entry(name, hint))
                descend(name);
        }
    }

    //! Path of the directory at depth `depth` (1 = root), plus leaf.
    filesystem::path path_at(std::size_t depth, const path_char* leaf) const
    {
        filesystem::path p = root_path_;
        for (std::size_t i = 1; i < depth && i < stack_.size(); ++i)
            p /= stack_[i].name;
        if (leaf)
            p /= leaf;
        return p;
    }

    void note(int e, std::size_t depth, const path_char* leaf, bool mount_point = false) noexcept
    {
        if (result_.error)
            return;
        result_.error = errno_code(e);
        result_.mount_point = mount_point;
        BOOST_TRY
        {
            result_.where = depth == 0 ? root_path_ : path_at(depth, leaf);
        }
        BOOST_CATCH(...)
        {
        }
        BOOST_CATCH_END
    }

    std::size_t depth_of(const level& l) const noexcept { return static_cast< std::size_t >(&l - &stack_.front()) + 1; }

    void give_up(level& l, const path_char* name, int e, bool mount_point = false)
    {
        note(e, depth_of(l), name, mount_point);
        l.failed.emplace_back(name);
    }

    //! Gives the owner rwx on a level's directory, once, through its handle.
    bool repair(level& l) noexcept
    {
        if (l.repaired)
            return false;
        l.repaired = true;
        return repair_dir(Platform{}, l.dir);
    }

    //! The current level has a listing to read; false if it cannot (noted).
    //! A root that lost its read or search permission is repaired through
    //! the handle held.
    bool ensure_listing()
    {
        level& l = stack_.back();
        if (l.dir.let_go())
            return false;
        int err = 0;
        if (open_listing(Platform{}, l.dir, err))
            return true;
        if (classify(Platform{}, err) == walk_error::denied && repair(l) && open_listing(Platform{}, l.dir, err))
            return true;
        note(err, stack_.size(), nullptr);
        return false;
    }

    //! Removes a non-directory entry. False if it turned out to be a directory.
    bool unlink_entry(const path_char* name, walk_hint hint)
    {
        level& l = stack_.back();
        for (;;)
        {
            int err = 0;
            switch (remove_entry(Platform{}, l.dir, name, hint, err))
            {
            case walk_outcome::done:
                return true;
            case walk_outcome::is_directory:
                return false;
            default:
                break;
            }
            if (classify(Platform{}, err) == walk_error::denied && repair(l))
                continue;
            give_up(l, name, err);
            return true;
        }
    }

    //! Enters the directory `name` of the current level, unless it is a
    //! mount point: that is left as found and reported.
    void descend(const path_char* name)
    {
        // What allocates comes before a handle is taken: std::bad_alloc
        // thrown here leaks nothing, and the push_back below cannot throw.
        level child;
        child.name = name;
        stack_.reserve(stack_.size() + 1);
        level& parent = stack_.back();
        int err = 0;
        walk_outcome entered = enter_dir(Platform{}, tree_, parent.dir, name, child.dir, err);
        if (entered == walk_outcome::failed && classify(Platform{}, err) == walk_error::too_many_open &&
            make_room(true))
            entered = enter_dir(Platform{}, tree_, parent.dir, name, child.dir, err);
        if (entered == walk_outcome::failed || entered == walk_outcome::mount_point)
        {
            give_up(parent, name, err, entered == walk_outcome::mount_point);
            return;
        }
        if (child.dir.let_go())
            return; // not a directory any more: removed as itself
        make_room(false);
        stack_.push_back(std::move(child)); // `parent` is invalid from here
    }

    //! Lets go of the oldest held handles so that at most walk_open_limit()
    //! remain (all but one when `urgent`). True if any went.
    bool make_room(bool urgent) noexcept
    {
        const std::size_t limit = walk_open_limit(Platform{});
        std::size_t open = 0;
        for (std::size_t i = 1; i < stack_.size(); ++i)
            open += !stack_[i].dir.let_go();
        const std::size_t keep = urgent ? 1 : limit - 1;
        bool freed = false;
        // Only levels that have a child on the stack: they are re-entered
        // through that child's "..".
        for (std::size_t i = 1; i + 1 < stack_.size() && open > keep; ++i)
        {
            level& l = stack_[i];
            if (l.dir.let_go())
                continue;
            let_go(Platform{}, l.dir);
            --open;
            freed = true;
        }
        return freed;
    }

    //! Re-enters the let-go parent of the current level through "..".
    bool reopen_parent(int& err) noexcept
    {
        level& child = stack_.back();
        level& parent = stack_[stack_.size() - 2];
        if (climb_to(Platform{}, child.dir, parent.dir, err))
            return true;
        return classify(Platform{}, err) == walk_error::too_many_open && make_room(true) &&
               climb_to(Platform{}, child.dir, parent.dir, err);
    }

    //! The current level's listing is exhausted: remove its directory, list
    //! it again if that says "not empty", or give up on it.
    void finish_level()
    {
        level& l = stack_.back();
        int err = 0;
        if (is_root(l))
        {
            if (remove_root(Platform{}, l.dir, root_path_.c_str(), id_, err) ||
                classify(Platform{}, err) == walk_error::gone)
                return pop();
            if (classify(Platform{}, err) == walk_error::not_empty && ++l.passes < removal_passes &&
                !l.dir.let_go())
                return rewind_listing(Platform{}, l.dir);
            note(err, 1, nullptr);
            return pop();
        }
        if (stack_[stack_.size() - 2].dir.let_go() && !reopen_parent(err))
        {
            // The way back up is gone (the tree was moved meanwhile): stop
            // rather than remove anything by a name we cannot trust.
            note(err, stack_.size() - 1, nullptr);
            close_all();
            stack_.clear();
            return;
        }
        level& parent = stack_[stack_.size() - 2];
        if (remove_emptied_dir(Platform{}, parent.dir, l.name.c_str(), l.dir, err))
            return pop();
        const walk_error why = classify(Platform{}, err);
        if (why == walk_error::not_empty && ++l.passes < removal_passes && !l.dir.let_go())
            return rewind_listing(Platform{}, l.dir);
        if (why == walk_error::denied && repair(parent))
            return; // the listing is at its end: the next round retries the removal
        path_string name = std::move(l.name);
        pop();
        give_up(stack_.back(), name.c_str(), err);
    }

    void pop() noexcept
    {
        close_level_dir(stack_.back().dir, stack_.size());
        stack_.pop_back();
    }

    void close_level_dir(walk_dir& d, std::size_t depth) noexcept
    {
        int err = 0;
        if (!close_walk_dir(Platform{}, d, err))
            note(err, depth, nullptr);
    }

    void close_all() noexcept
    {
        for (std::size_t i = 0; i < stack_.size(); ++i)
            close_level_dir(stack_[i].dir, i + 1);
    }

    const filesystem::path& root_path_;
    const file_identity id_;
    walk_tree tree_;
    std::vector< level > stack_;
    removal_result result_;
};

//! Removes the directory `root` (identity `id`; `held`: the owner's handle
//! on it, or invalid), with its contents when `recursive`, if its name still
//! means that directory. The first error, with where it happened.
template< typename Platform >
removal_result remove_directory(const filesystem::path& root, const file_identity& id,
                                typename Platform::native_handle_type held, bool recursive)
{
    tree_remover< Platform > remover(root, id);
    return remover.run(held, recursive);
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
