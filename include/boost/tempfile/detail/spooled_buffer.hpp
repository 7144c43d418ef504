// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_SPOOLED_BUFFER_HPP
#define BOOST_TEMPFILE_DETAIL_SPOOLED_BUFFER_HPP
#pragma once

// The stream buffer of a spooled file. It begins as a buffer in memory and,
// once the data would grow past the threshold, copies itself into a file (an
// anonymous file, or a memfd) and from then on forwards every call to that
// file's fd_streambuf. The user's std::iostream keeps pointing at this one
// buffer, so references to the stream stay valid across the switch.
//
// Both phases have the semantics of a file, not of a std::stringbuf: one
// position shared by reading and writing, seeking past the end is allowed,
// and a write there leaves a gap that reads back as zeros. That way nothing
// the user can observe changes at the rollover.
//
// A rollover that fails leaves everything in memory as it was; the write that
// needed it fails (the stream sets badbit) and the error is kept for close().
//
// Memory holds at most max_size bytes, and never more than the machine's
// physical memory: a write or truncation that memory cannot hold -- past
// max_size, past physical memory, or whose allocation fails -- rolls over
// instead, so that a seek far past the end followed by a write, or a huge
// truncate(), asks the file system (which may hold a sparse file) and not
// the allocator.
//
// The buffer belongs to the process that made it (decisions.md, 1): in a
// process forked from it every call that reaches the buffer fails and the
// file's stream is never written out, so that the child cannot write the
// parent's buffered data through the descriptor they share.

#include <boost/tempfile/detail/create.hpp>
#include <boost/tempfile/detail/create_file.hpp>
#include <boost/tempfile/detail/eintr.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/fd_stream.hpp>
#include <boost/tempfile/detail/file_ops.hpp>
#include <boost/tempfile/detail/policy_checks.hpp>
#include <boost/tempfile/detail/process.hpp>
#include <boost/tempfile/options.hpp>
#include <boost/tempfile/platform.hpp>

#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>
#include <boost/core/no_exceptions_support.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <ios>
#include <istream>
#include <limits>
#include <memory>
#include <streambuf>
#include <string>
#include <utility>
#include <vector>

namespace boost {
namespace tempfile {
namespace detail {

//! Bytes of physical memory, 0 if unknown. Data larger than that is not
//! worth holding in memory (it would only be paged out), and asking the
//! allocator for it only fails -- or, under a sanitizer, aborts.
template< typename Platform >
std::uintmax_t physical_memory_of() noexcept
{
    static const std::uintmax_t bytes = physical_memory(Platform{});
    return bytes;
}

//! A failure, with what the throwing forms put in their filesystem_error.
struct spool_error
{
    system::error_code code;
    std::string what;
    filesystem::path path;

    explicit operator bool() const noexcept { return static_cast< bool >(code); }

    void raise(system::error_code* ec) const { report(code, what, path, ec); }
};

template< typename Naming, typename Permissions, typename Platform >
class spooled_streambuf : public std::streambuf
{
public:
    using handle_type = typename handle_type_of< Platform >::type;

    spooled_streambuf(std::size_t max_size, options opts, bool memory_file_first, const char* who)
        : max_size_(max_size), opts_(std::move(opts)), memory_file_first_(memory_file_first), who_(who)
    {
    }

    spooled_streambuf(const spooled_streambuf&) = delete;
    spooled_streambuf& operator=(const spooled_streambuf&) = delete;

    //! In the creating process, writes out what the file's stream buffers
    //! (a descriptor the user took from native_handle() may still read it);
    //! in a forked child, drops it. Closes the descriptor either way.
    ~spooled_streambuf() override { drop_file(!forked()); }

    bool rolled_over() const noexcept { return inner_ != nullptr; }

    //! Whether this is a process forked from the one that made the buffer.
    bool forked() const noexcept { return generation_ != fork_generation(); }

    //! Whether close() was called: the buffer holds nothing and every call
    //! fails from then on.
    bool closed() const noexcept { return closed_; }

    //! Whether every call through the stream must fail: closed, or in a
    //! forked child.
    bool unusable() const noexcept { return closed_ || forked(); }

    //! The file's descriptor as it is: nothing written out (for a forked
    //! child, which must not write the parent's data); invalid before the
    //! rollover.
    handle_type raw_handle() const noexcept { return fd_; }

    std::size_t max_size() const noexcept { return max_size_; }

    //! Moves the data into a file now (nothing if done already).
    bool rollover(spool_error& err)
    {
        return rolled_over() || roll_over_into_file(err);
    }

    //! The size of the data; after the rollover, of the file once the
    //! stream's buffer is written out.
    bool size(std::uintmax_t& out, spool_error& err)
    {
        if (!rolled_over())
        {
            out = memory_size();
            return true;
        }
        const handle_type fd = synced_fd(err);
        if (fd == invalid())
            return false;
        int e = 0;
        if (!file_size(Platform{}, fd, out, e))
        {
            fail(err, e, "::size: cannot read the size of the file");
            return false;
        }
        return true;
    }

    //! Cuts or extends the data to n bytes (zeros added); the position stays.
    //! Past the threshold the data rolls over first.
    bool truncate(std::uintmax_t n, spool_error& err)
    {
        if (!rolled_over() && n <= max_size_)
        {
            settle();
            const std::size_t want = static_cast< std::size_t >(n);
            if (want <= size_ || reserve_store(want))
            {
                if (want > size_)
                    std::fill(store_.begin() + static_cast< std::ptrdiff_t >(size_),
                              store_.begin() + static_cast< std::ptrdiff_t >(want), '\0');
                size_ = want;
                return true;
            }
            // More than memory can hold: the file may (sparse), so roll over.
        }
        if (n > static_cast< std::uintmax_t >(std::numeric_limits< file_offset >::max()))
        {
            err = spool_error{errc_code(system::errc::file_too_large),
                              std::string(who_) + "::truncate: " + std::to_string(n) +
                                  " bytes is more than any file can hold",
                              filesystem::path()};
            return false;
        }
        if (!rollover(err))
            return false;
        const handle_type fd = synced_fd(err);
        if (fd == invalid())
            return false;
        if (truncate_fd(Platform{}, fd, static_cast< file_offset >(n)) != 0)
        {
            const int e = last_error(Platform{});
            err = spool_error{errno_code(e),
                              std::string(who_) + "::truncate: cannot make the file rolled over into " +
                                  std::to_string(n) + " bytes long",
                              in_memory_file_ ? filesystem::path() : rollover_dir()};
            return false;
        }
        return true;
    }

    //! Rolls over, writes out the stream's buffer, and returns the descriptor
    //! (the HANDLE on Windows).
    handle_type native_handle(spool_error& err)
    {
        if (!rollover(err))
            return invalid();
        return synced_fd(err);
    }

    //! The stream's position now (where Python's truncate() without an
    //! argument cuts). False with err when the file cannot tell it.
    bool position_now(std::uintmax_t& out, spool_error& err)
    {
        if (!rolled_over())
        {
            out = static_cast< std::uintmax_t >(position());
            return true;
        }
        const pos_type at = inner_->pubseekoff(0, std::ios_base::cur, std::ios_base::in | std::ios_base::out);
        if (at == pos_type(off_type(-1)))
        {
            int e = file_stream_->buffer().error();
            if (e == 0)
                e = EIO;
            fail(err, e, "::truncate: cannot tell the stream's position in the file rolled over into");
            return false;
        }
        out = static_cast< std::uintmax_t >(static_cast< std::streamoff >(at));
        return true;
    }

    //! The first error the stream met and kept for close() (a rollover that
    //! failed inside a write, whose data is therefore missing), or a write
    //! to the file whose data was dropped: the data is then not whole and
    //! is not handed over. Empty if the data is whole.
    spool_error lost_data(const char* op) const
    {
        spool_error err;
        if (first_error_)
        {
            err = first_error_;
            err.what = std::string(who_) + op + ": a write failed earlier, so the data is not whole and is not handed "
                                                "over (" + first_error_.what + ")";
        }
        else if (file_stream_ && file_stream_->buffer().lost_write() != 0)
            fail(err, file_stream_->buffer().lost_write(),
                 (std::string(op) + ": a write to the file failed earlier, so the data is not whole and is not "
                                    "handed over").c_str());
        return err;
    }

    //! Hands the data in memory over (exactly size() bytes) and leaves the
    //! buffer closed. Only before the rollover; the caller checks.
    std::vector< char > take_memory() noexcept
    {
        settle();
        std::vector< char > out;
        store_.resize(size_); // never grows: size_ <= store_.size()
        out.swap(store_);
        closed_ = true;
        release_memory();
        return out;
    }

    //! Rolls over if needed, writes out the stream's buffer, and hands the
    //! file's handle over (its offset at the stream's position) with what
    //! kind of anonymous file it is; the buffer is left closed. The invalid
    //! handle and err on failure, the data kept.
    handle_type take_file(anonymous_kind& kind, spool_error& err)
    {
        if (!rollover(err))
            return invalid();
        const handle_type fd = synced_fd(err);
        if (fd == invalid())
            return invalid();
        if (const int lost = file_stream_->buffer().lost_write())
        {
            fail(err, lost, "::into_file: a write to the file failed earlier, so the data is not whole and is not "
                            "handed over");
            return invalid();
        }
        file_stream_.reset(); // written out above; destroying it writes nothing
        inner_ = nullptr;
        fd_ = invalid();
        kind = kind_;
        closed_ = true;
        return fd;
    }

    //! Writes out and closes the file, drops the memory. Returns the first
    //! error the stream met (a failed rollover, a failed write) or the close's.
    //! In a forked child: drops the parent's buffered data unwritten, closes
    //! the child's descriptor, and succeeds.
    spool_error close()
    {
        spool_error err;
        if (closed_)
            return err;
        closed_ = true;
        if (forked())
        {
            drop_file(false);
            first_error_ = spool_error();
            release_memory();
            return err;
        }
        err = std::move(first_error_);
        first_error_ = spool_error();
        int e = 0;
        if (file_stream_)
        {
            e = file_stream_->sync_and_error();
            file_stream_.reset();
        }
        inner_ = nullptr;
        if (fd_ != invalid())
        {
            if (close_fd(Platform{}, fd_) != 0 && e == 0 && errno != EINTR)
                e = last_error(Platform{}); // after EINTR Linux has closed it all the same
            fd_ = invalid();
        }
        if (e != 0 && !err)
            fail(err, e, "::close");
        release_memory();
        return err;
    }

protected:
    int_type overflow(int_type ch) override
    {
        if (unusable())
            return traits_type::eof();
        if (inner_)
            return traits_type::eq_int_type(ch, traits_type::eof()) ? traits_type::not_eof(ch)
                                                                    : inner_->sputc(traits_type::to_char_type(ch));
        if (traits_type::eq_int_type(ch, traits_type::eof()))
            return traits_type::not_eof(ch);
        const std::streamoff at = position();
        if (!fits_in_memory(at, 1) || !to_writing(at, 1))
        {
            if (!roll_over_for_write())
                return traits_type::eof();
            return inner_->sputc(traits_type::to_char_type(ch));
        }
        *pptr() = traits_type::to_char_type(ch);
        advance_put(1);
        return ch;
    }

    std::streamsize xsputn(const char* s, std::streamsize n) override
    {
        if (unusable())
            return 0;
        if (inner_)
            return inner_->sputn(s, n);
        if (n <= 0)
            return 0;
        const std::streamoff at = position();
        // Nothing is written to memory before a rollover: a failed rollover
        // then leaves the data exactly as it was before this write.
        if (!fits_in_memory(at, static_cast< std::uintmax_t >(n)) ||
            ((mode_ != mode::writing || epptr() - pptr() < n) && !to_writing(at, static_cast< std::size_t >(n))))
        {
            if (!roll_over_for_write())
                return 0;
            return inner_->sputn(s, n);
        }
        std::memcpy(pptr(), s, static_cast< std::size_t >(n));
        advance_put(static_cast< std::size_t >(n));
        return n;
    }

    int_type underflow() override
    {
        if (unusable())
            return traits_type::eof();
        if (inner_)
            return inner_->sgetc();
        settle();
        if (pos_ >= static_cast< std::streamoff >(size_))
            return traits_type::eof();
        char* base = store_.data();
        mode_ = mode::reading;
        setg(base, base + pos_, base + size_);
        return traits_type::to_int_type(*gptr());
    }

    int_type uflow() override
    {
        // After the rollover this buffer has no get area, so the default
        // (underflow, then take *gptr()) cannot be used.
        if (unusable())
            return traits_type::eof();
        if (inner_)
            return inner_->sbumpc();
        return std::streambuf::uflow();
    }

    std::streamsize xsgetn(char* s, std::streamsize n) override
    {
        if (unusable())
            return 0;
        if (inner_)
            return inner_->sgetn(s, n);
        return std::streambuf::xsgetn(s, n);
    }

    std::streamsize showmanyc() override
    {
        if (unusable())
            return -1;
        if (inner_)
            return inner_->in_avail();
        const std::streamoff at = position();
        const std::streamoff size = static_cast< std::streamoff >(memory_size());
        return at < size ? static_cast< std::streamsize >(size - at) : -1;
    }

    int_type pbackfail(int_type ch) override
    {
        if (unusable())
            return traits_type::eof();
        if (inner_)
            return file_pbackfail(ch);
        settle();
        if (pos_ == 0 || pos_ > static_cast< std::streamoff >(size_))
            return traits_type::eof();
        char& previous = store_[static_cast< std::size_t >(pos_ - 1)];
        if (!traits_type::eq_int_type(ch, traits_type::eof()) && !traits_type::eq(traits_type::to_char_type(ch), previous))
            return traits_type::eof();
        --pos_;
        char* base = store_.data();
        mode_ = mode::reading;
        setg(base, base + pos_, base + size_);
        return traits_type::not_eof(ch);
    }

    int sync() override
    {
        if (unusable())
            return -1;
        if (inner_)
            return inner_->pubsync();
        return 0;
    }

    pos_type seekoff(off_type off, std::ios_base::seekdir dir, std::ios_base::openmode which) override
    {
        if (unusable())
            return pos_type(off_type(-1));
        if (inner_)
            return inner_->pubseekoff(off, dir, which);
        settle();
        const std::streamoff from =
            dir == std::ios_base::beg ? 0 : dir == std::ios_base::cur ? pos_ : static_cast< std::streamoff >(size_);
        const std::streamoff largest = std::numeric_limits< std::streamoff >::max();
        if (off < 0 ? off < -from : off > largest - from)
            return pos_type(off_type(-1));
        pos_ = from + off;
        return pos_type(off_type(pos_));
    }

    pos_type seekpos(pos_type pos, std::ios_base::openmode which) override
    {
        return seekoff(off_type(pos), std::ios_base::beg, which);
    }

private:
    enum class mode { none, reading, writing };

    static handle_type invalid() noexcept { return handle_type_of< Platform >::invalid(); }

    //! The position, whatever the current area.
    std::streamoff position() const noexcept
    {
        if (mode_ == mode::reading)
            return gptr() - eback();
        if (mode_ == mode::writing)
            return pptr() - store_.data();
        return pos_;
    }

    std::size_t memory_size() const noexcept
    {
        if (mode_ == mode::writing)
            return std::max(size_, static_cast< std::size_t >(pptr() - store_.data()));
        return size_;
    }

    bool fits_in_memory(std::streamoff at, std::uintmax_t n) const noexcept
    {
        const std::uintmax_t start = static_cast< std::uintmax_t >(at);
        return start <= max_size_ && n <= max_size_ - start;
    }

    //! Leaves both areas empty with the position and size in pos_ and size_.
    void settle() noexcept
    {
        if (mode_ == mode::writing)
        {
            pos_ = pptr() - store_.data();
            size_ = std::max(size_, static_cast< std::size_t >(pos_));
            setp(nullptr, nullptr);
        }
        else if (mode_ == mode::reading)
        {
            pos_ = gptr() - eback();
            setg(nullptr, nullptr, nullptr);
        }
        mode_ = mode::none;
    }

    //! Makes store_ hold at least `need` bytes (need <= max_size_). False,
    //! store_ unchanged, when memory cannot hold them: past the vector's or
    //! the machine's memory, or the allocation fails.
    bool reserve_store(std::size_t need) noexcept
    {
        if (store_.size() >= need)
            return true;
        const std::uintmax_t ram = physical_memory_of< Platform >();
        if (need > store_.max_size() || (ram != 0 && need > ram))
            return false;
        // Doubling keeps many small writes linear; never past the threshold,
        // which is the most memory may ever hold (the put area ends there).
        std::size_t grown = std::max< std::size_t >(need, std::max< std::size_t >(store_.size(), 32) * 2);
        grown = std::min(grown, std::min(max_size_, store_.max_size()));
        if (ram != 0 && grown > ram)
            grown = static_cast< std::size_t >(ram);
        return resize_store(grown) || (grown != need && resize_store(need));
    }

    bool resize_store(std::size_t n) noexcept
    {
        BOOST_TRY
        {
            store_.resize(n);
            return true;
        }
        BOOST_CATCH(...) // bad_alloc or length_error: the vector is as it was
        {
            return false;
        }
        BOOST_CATCH_END
        return false;
    }

    //! Opens a put area at `at` with room for n bytes (at + n <= max_size_).
    //! False, the data unchanged, when memory cannot hold at + n bytes.
    bool to_writing(std::streamoff at, std::size_t n)
    {
        settle();
        const std::size_t start = static_cast< std::size_t >(at);
        const std::size_t need = start + n;
        if (!reserve_store(need))
            return false;
        // Bytes past size_ may be left over from a truncation: a gap made by
        // seeking past the end must read back as zeros, as in a file.
        if (start > size_)
            std::fill(store_.begin() + static_cast< std::ptrdiff_t >(size_),
                      store_.begin() + static_cast< std::ptrdiff_t >(start), '\0');
        char* base = store_.data();
        setp(base + start, base + store_.size());
        mode_ = mode::writing;
        return true;
    }

    //! The file's buffer can step back only over what it holds, and holds
    //! nothing right after a seek or a sync (tellg(), size()). Then the file
    //! itself steps back, as std::filebuf does, so that unget() works as it
    //! did in memory.
    int_type file_pbackfail(int_type ch)
    {
        const bool any = traits_type::eq_int_type(ch, traits_type::eof());
        const int_type r = any ? inner_->sungetc() : inner_->sputbackc(traits_type::to_char_type(ch));
        if (!traits_type::eq_int_type(r, traits_type::eof()))
            return r;
        const pos_type here = inner_->pubseekoff(0, std::ios_base::cur, std::ios_base::in);
        if (here == pos_type(off_type(-1)) || here == pos_type(off_type(0)))
            return traits_type::eof();
        inner_->pubseekpos(here - off_type(1), std::ios_base::in);
        const int_type previous = inner_->sgetc();
        if (traits_type::eq_int_type(previous, traits_type::eof()) ||
            (!any && !traits_type::eq(traits_type::to_char_type(previous), traits_type::to_char_type(ch))))
        {
            inner_->pubseekpos(here, std::ios_base::in);
            return traits_type::eof();
        }
        return previous;
    }

    //! pbump takes an int; restarting the area at the new pptr() has no
    //! such limit, and the position is measured from store_.data() anyway.
    void advance_put(std::size_t n) noexcept { setp(pptr() + n, epptr()); }

    bool roll_over_for_write()
    {
        spool_error err;
        if (roll_over_into_file(err))
            return true;
        if (!first_error_)
            first_error_ = std::move(err);
        return false;
    }

    bool roll_over_into_file(spool_error& err)
    {
        settle();
        handle_type fd = invalid();
        if (memory_file_first_)
        {
            int e = 0;
            fd = create_memory_file(Platform{}, opts_.prefix(), file_mode_for< Permissions >(opts_), e);
            if (fd == invalid() && e != 0)
            {
                fail(err, e, ": cannot roll over into a memory file (memfd_create)");
                return false;
            }
        }
        const bool in_memory_file = fd != invalid();
        if (!in_memory_file)
        {
            system::error_code ec;
            anonymous_kind kind = anonymous_kind::none;
            fd = create_anonymous_file< Naming, Permissions, Platform >(opts_, who_, kind, &ec);
            kind_ = kind; // what the file becomes if into_file() hands it over
            if (fd == invalid())
            {
                err = spool_error{ec, std::string(who_) + ": cannot roll over into an anonymous file in directory",
                                  rollover_dir()};
                return false;
            }
        }
        const char* const into = in_memory_file ? " the memory file" : " the anonymous file in directory";
        if (!copy_out(fd))
        {
            const int e = last_error(Platform{});
            close_fd(Platform{}, fd);
            fail(err, e, (std::string(": cannot copy the spooled data into") + into).c_str(),
                 in_memory_file ? filesystem::path() : rollover_dir());
            return false;
        }
        if (seek_fd(Platform{}, fd, static_cast< file_offset >(pos_), SEEK_SET) < 0)
        {
            bool beyond = false;
            const int e = seek_failure(Platform{}, last_error(Platform{}), beyond);
            close_fd(Platform{}, fd);
            std::string what = std::string(who_) + ": cannot roll over to the stream's position " + std::to_string(pos_);
            if (beyond)
                what += ", past the largest file the file system holds,";
            err = spool_error{errno_code(e), what + " into" + into,
                              in_memory_file ? filesystem::path() : rollover_dir()};
            return false;
        }
        // Until the stream exists (it may throw bad_alloc) the memory stays
        // the truth; the local owner closes the descriptor if it throws.
        struct closer
        {
            handle_type fd;
            ~closer()
            {
                if (fd != invalid())
                    close_fd(Platform{}, fd);
            }
        } guard{fd};
        file_stream_.reset(new fd_stream< Platform >(fd));
        guard.fd = invalid();
        fd_ = fd;
        in_memory_file_ = in_memory_file;
        inner_ = file_stream_->rdbuf();
        release_memory();
        return true;
    }

    //! Closes the file, writing out its stream's buffer first or not.
    void drop_file(bool write_out) noexcept
    {
        if (file_stream_)
        {
            if (write_out)
                file_stream_->buffer().pubsync(); // its errors are kept in the buffer, which goes now
            // Destroying the stream writes nothing: neither std::iostream
            // nor fd_streambuf flushes on destruction.
            file_stream_.reset();
        }
        inner_ = nullptr;
        if (fd_ != invalid())
        {
            close_fd(Platform{}, fd_);
            fd_ = invalid();
        }
    }

    //! Where create_anonymous_file went, for messages.
    filesystem::path rollover_dir() const
    {
        system::error_code ec;
        filesystem::path storage;
        const filesystem::path& dir = creation_dir(opts_, storage, &ec);
        return ec ? opts_.dir() : dir;
    }

    //! Writes the data in memory at the start of fd. False: last_error()
    //! says why.
    bool copy_out(handle_type fd) noexcept
    {
        const char* p = store_.data();
        std::size_t left = size_;
        eintr_budget interrupted;
        while (left > 0)
        {
            const auto w = write_fd(Platform{}, fd, p, left);
            if (w < 0 && interrupted.retry())
                continue;
            if (w <= 0)
            {
                if (w == 0)
                    short_write_error(Platform{});
                return false;
            }
            p += w;
            interrupted.reset();
            left -= static_cast< std::size_t >(w);
        }
        return true;
    }

    //! The descriptor once the file's stream buffer is written out; invalid
    //! and err when that write fails.
    handle_type synced_fd(spool_error& err)
    {
        if (inner_->pubsync() != 0)
        {
            int e = file_stream_->buffer().error();
            if (e == 0)
                e = short_write_error(Platform{});
            fail(err, e, ": cannot write out the stream's buffer");
            return invalid();
        }
        return fd_;
    }

    void release_memory() noexcept
    {
        setg(nullptr, nullptr, nullptr);
        setp(nullptr, nullptr);
        mode_ = mode::none;
        std::vector< char >().swap(store_);
        size_ = 0;
        pos_ = 0;
    }

    void fail(spool_error& err, int e, const char* what, filesystem::path where = filesystem::path()) const
    {
        err = spool_error{errno_code(e), std::string(who_) + what, std::move(where)};
    }

    // Memory phase. store_ holds at least size_ bytes and never more than
    // max_size_; the bytes between size_ and store_.size() mean nothing.
    std::vector< char > store_;
    std::size_t size_ = 0;    // not counting a put area that went past it
    std::streamoff pos_ = 0;  // while mode_ is none; may lie past size_
    mode mode_ = mode::none;

    // File phase: the file's own stream buffer does the work. The
    // descriptor and the stream are held here, not in a file_handle, so that
    // a forked child can drop the stream without writing it out.
    handle_type fd_ = invalid();
    std::unique_ptr< fd_stream< Platform > > file_stream_;
    std::streambuf* inner_ = nullptr;
    bool in_memory_file_ = false;
    anonymous_kind kind_ = anonymous_kind::none; // a memfd is of no kind: it can never be linked

    std::size_t max_size_;
    options opts_;
    bool memory_file_first_;
    const char* who_;
    spool_error first_error_;
    unsigned generation_ = fork_generation();
    bool closed_ = false;
};

template< typename Naming, typename Permissions, typename Platform >
struct spooled_streambuf_holder
{
    spooled_streambuf_holder(std::size_t max_size, const options& opts, bool memory_file_first, const char* who)
        : buf(max_size, opts, memory_file_first, who)
    {
    }
    spooled_streambuf< Naming, Permissions, Platform > buf;
};

//! The one stream a spooled file hands out, before and after the rollover.
template< typename Naming, typename Permissions, typename Platform >
class spooled_stream : private spooled_streambuf_holder< Naming, Permissions, Platform >, public std::iostream
{
public:
    spooled_stream(std::size_t max_size, const options& opts, bool memory_file_first, const char* who)
        : spooled_streambuf_holder< Naming, Permissions, Platform >(max_size, opts, memory_file_first, who),
          std::iostream(&this->buf)
    {
    }

    spooled_streambuf< Naming, Permissions, Platform >& buffer() noexcept { return this->buf; }
    const spooled_streambuf< Naming, Permissions, Platform >& buffer() const noexcept { return this->buf; }
};

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
