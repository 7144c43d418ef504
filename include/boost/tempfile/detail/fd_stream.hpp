// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_FD_STREAM_HPP
#define BOOST_TEMPFILE_DETAIL_FD_STREAM_HPP
#pragma once

// A std::iostream over a descriptor the owner keeps. One buffer serves
// either reading or writing at a time; switching direction, seeking and
// sync() put the descriptor's offset back where the stream's position is, so
// raw I/O on the descriptor after a sync() sees what the stream sees. The
// first failing system call's error (errno on POSIX, GetLastError() on
// Windows) is kept for close(ec) to report, and the first failed write
// separately: data the stream could not write is gone, so an owner must never
// publish or hand over the file as if it were complete. The platform's
// native handle is used directly (a descriptor, or a HANDLE through
// ReadFile/WriteFile).
//
// A forked child shares the parent's open file description: a write from
// the child's copy of the buffer would put the parent's pending bytes into
// the file a second time, a read or seek would move the parent's offset.
// So the buffer remembers the fork generation it belongs to and, used in
// any other process, drops what it holds without writing and fails.

#include <boost/tempfile/detail/config.hpp>
#include <boost/tempfile/detail/eintr.hpp>
#include <boost/tempfile/detail/policy_checks.hpp>
#include <boost/tempfile/detail/process.hpp>
#include <boost/tempfile/platform.hpp>
#if defined(BOOST_TEMPFILE_WINDOWS)
#include <boost/tempfile/detail/windows/sys.hpp>
#else
#include <boost/tempfile/detail/posix/sys.hpp>
#endif

#include <boost/core/no_exceptions_support.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ios>
#include <istream>
#include <memory>
#include <streambuf>

namespace boost {
namespace tempfile {
namespace detail {

template< typename Platform >
class fd_streambuf : public std::streambuf
{
public:
    static constexpr std::size_t buffer_size = 8192;
    using handle_type = typename handle_type_of< Platform >::type;

    //! A buffer over fd, belonging to the process of fork generation `generation`.
    fd_streambuf(handle_type fd, unsigned generation) noexcept : fd_(fd), generation_(generation) {}

    //! Error (errno, or a Win32 code) of the first failed read, write or seek; 0 if none.
    int error() const noexcept { return error_; }

    //! Error of the first failed write; 0 if none. Once set, the file lacks
    //! data the stream accepted (it was dropped): it stays set.
    int lost_write() const noexcept { return write_error_; }

    //! Whether this is the process the buffer was made for (not a child
    //! forked after it was made).
    bool in_owner_process() const noexcept { return generation_ == fork_generation(); }

    //! Forgets what is buffered without writing or seeking: what a forked
    //! child does with its copy of the parent's pending data.
    void discard() noexcept
    {
        setp(nullptr, nullptr);
        setg(nullptr, nullptr, nullptr);
        mode_ = mode::none;
    }

    //! Writes out what is buffered (realigning the descriptor's offset after
    //! reading); returns the error of that write, 0 if it succeeded or nothing
    //! was pending. What could not be written is dropped (lost_write() tells
    //! from now on). A failed realignment is kept in error() for close().
    int write_pending()
    {
        if (!owner_here())
            return EPERM;
        if (mode_ == mode::reading)
            drop_get_area();
        if (mode_ != mode::writing || flush_put_area())
            return 0;
        return last_write_error_;
    }

    //! The stream to mark bad when the buffer finds itself in a forked child.
    void attach(std::ios* stream) noexcept { stream_ = stream; }

    //! Lets go of the descriptor for good (the owner closed or handed it
    //! over): what is buffered is dropped, the memory freed, and every later
    //! call fails without touching any descriptor.
    void detach() noexcept
    {
        discard();
        fd_ = handle_type_of< Platform >::invalid();
        detached_ = true;
        buffer_.reset();
    }

    //! Whether detach() was called.
    bool detached() const noexcept { return detached_; }

protected:
    int_type overflow(int_type ch) override
    {
        if (!owner_here() || !to_writing())
            return traits_type::eof();
        if (pptr() == epptr() && !flush_put_area())
            return traits_type::eof();
        if (!traits_type::eq_int_type(ch, traits_type::eof()))
        {
            *pptr() = traits_type::to_char_type(ch);
            pbump(1);
        }
        return traits_type::not_eof(ch);
    }

    std::streamsize xsputn(const char* s, std::streamsize n) override
    {
        // Large writes skip the buffer: one copy fewer, fewer system calls.
        if (n < static_cast< std::streamsize >(buffer_size))
            return std::streambuf::xsputn(s, n);
        if (!owner_here() || !to_writing() || !flush_put_area())
            return 0;
        return write_all(s, static_cast< std::size_t >(n));
    }

    int_type underflow() override
    {
        if (!owner_here())
            return traits_type::eof();
        if (mode_ == mode::writing && !flush_put_area())
            return traits_type::eof();
        if (!buffer_ && !allocate())
            return traits_type::eof();
        mode_ = mode::reading;
        setp(nullptr, nullptr);
        for (eintr_budget interrupted;;)
        {
            const auto n = read_fd(Platform{}, fd_, buffer_.get(), buffer_size);
            if (n < 0 && interrupted.retry())
                continue;
            if (n < 0)
            {
                remember(last_error(Platform{}));
                setg(nullptr, nullptr, nullptr);
                return traits_type::eof();
            }
            setg(buffer_.get(), buffer_.get(), buffer_.get() + n);
            return n == 0 ? traits_type::eof() : traits_type::to_int_type(*gptr());
        }
    }

    //! unget()/putback() past the start of what is buffered: step the
    //! descriptor back one byte and read again. Putting back a different
    //! character than the file holds fails and leaves the position alone.
    int_type pbackfail(int_type ch) override
    {
        if (gptr() > eback())
        {
            if (!traits_type::eq_int_type(ch, traits_type::eof()))
                return traits_type::eof(); // differs from what was read
            gbump(-1);
            return traits_type::not_eof(ch);
        }
        if (!owner_here())
            return traits_type::eof();
        if (mode_ == mode::writing && !flush_put_area())
            return traits_type::eof();
        if (!drop_get_area())
            return traits_type::eof();
        if (seek_fd(Platform{}, fd_, -1, SEEK_CUR) < 0)
            return traits_type::eof(); // at the start of the file: nothing to step back to
        const int_type there = underflow();
        if (traits_type::eq_int_type(there, traits_type::eof()))
            return traits_type::eof();
        if (!traits_type::eq_int_type(ch, traits_type::eof()) && !traits_type::eq_int_type(ch, there))
        {
            gbump(1); // back where the caller was
            return traits_type::eof();
        }
        return there;
    }

    int sync() override
    {
        if (!owner_here())
            return -1;
        if (mode_ == mode::writing)
            return flush_put_area() ? 0 : -1;
        if (mode_ == mode::reading)
            return drop_get_area() ? 0 : -1;
        return 0;
    }

    pos_type seekoff(off_type off, std::ios_base::seekdir dir, std::ios_base::openmode) override
    {
        if (!owner_here() || sync() != 0)
            return pos_type(off_type(-1));
        const int whence = dir == std::ios_base::beg ? SEEK_SET : dir == std::ios_base::cur ? SEEK_CUR : SEEK_END;
        const auto r = seek_fd(Platform{}, fd_, off, whence);
        if (r < 0)
        {
            remember(last_error(Platform{}));
            return pos_type(off_type(-1));
        }
        return pos_type(off_type(r));
    }

    pos_type seekpos(pos_type pos, std::ios_base::openmode which) override
    {
        return seekoff(off_type(pos), std::ios_base::beg, which);
    }

private:
    enum class mode { none, reading, writing };

    //! False once detached, and in a forked child: then what the buffer holds
    //! is dropped, the error is EPERM, and the stream is marked bad.
    bool owner_here()
    {
        if (in_owner_process() && !detached_)
            return true;
        discard();
        if (!detached_)
            remember(EPERM);
        if (stream_)
        {
            // setstate throws ios_base::failure if the caller asked for it
            // (exceptions(badbit)); the stream catches it and rethrows.
            stream_->setstate(std::ios_base::badbit);
        }
        return false;
    }

    bool allocate() noexcept
    {
        buffer_.reset(new (std::nothrow) char[buffer_size]);
        if (!buffer_)
            remember(ENOMEM);
        return static_cast< bool >(buffer_);
    }

    bool to_writing()
    {
        if (mode_ == mode::writing)
            return true;
        if (mode_ == mode::reading && !drop_get_area())
            return false;
        if (!buffer_ && !allocate())
            return false;
        mode_ = mode::writing;
        setp(buffer_.get(), buffer_.get() + buffer_size);
        return true;
    }

    bool flush_put_area()
    {
        const std::size_t pending = static_cast< std::size_t >(pptr() - pbase());
        const bool ok = write_all(pbase(), pending) == static_cast< std::streamsize >(pending);
        setp(buffer_.get(), buffer_.get() + buffer_size);
        return ok;
    }

    //! Moves the descriptor back over what was read ahead but not consumed.
    bool drop_get_area()
    {
        const off_type unread = egptr() - gptr();
        setg(nullptr, nullptr, nullptr);
        mode_ = mode::none;
        if (unread == 0)
            return true;
        if (seek_fd(Platform{}, fd_, -unread, SEEK_CUR) < 0)
        {
            remember(last_error(Platform{}));
            return false;
        }
        return true;
    }

    std::streamsize write_all(const char* s, std::size_t n)
    {
        std::size_t done = 0;
        eintr_budget interrupted;
        while (done < n)
        {
            const auto w = write_fd(Platform{}, fd_, s + done, n - done);
            if (w < 0 && interrupted.retry())
                continue;
            if (w <= 0)
            {
                const int e = w < 0 ? last_error(Platform{}) : EIO;
                remember(e);
                if (write_error_ == 0)
                    write_error_ = e;
                last_write_error_ = e;
                break;
            }
            interrupted.reset();
            done += static_cast< std::size_t >(w);
        }
        return static_cast< std::streamsize >(done);
    }

    void remember(int e) noexcept
    {
        if (error_ == 0)
            error_ = e;
    }

    handle_type fd_;
    unsigned generation_;
    bool detached_ = false;
    int error_ = 0;
    int write_error_ = 0;
    int last_write_error_ = 0;
    mode mode_ = mode::none;
    std::unique_ptr< char[] > buffer_;
    std::ios* stream_ = nullptr;
};

template< typename Platform >
struct fd_streambuf_holder
{
    fd_streambuf_holder(typename handle_type_of< Platform >::type fd, unsigned generation) noexcept
        : buf(fd, generation)
    {
    }
    fd_streambuf< Platform > buf;
};

//! The stream an owner hands out; the buffer is a base so that it exists
//! before std::iostream is given a pointer to it.
template< typename Platform >
class fd_stream : private fd_streambuf_holder< Platform >, public std::iostream
{
public:
    //! A stream over fd for the process of fork generation `generation` (by
    //! default this one). Made for an inherited descriptor in a forked
    //! child, it is born bad and never touches the descriptor.
    explicit fd_stream(typename handle_type_of< Platform >::type fd, unsigned generation = fork_generation())
        : fd_streambuf_holder< Platform >(fd, generation), std::iostream(&this->buf)
    {
        this->buf.attach(this);
        if (!this->buf.in_owner_process())
            mark_bad();
    }

    fd_streambuf< Platform >& buffer() noexcept { return this->buf; }
    const fd_streambuf< Platform >& buffer() const noexcept { return this->buf; }

    //! Whether this process is the one the stream was made for.
    bool in_owner_process() const noexcept { return this->buf.in_owner_process(); }

    //! Writes what is buffered and realigns the descriptor's offset; returns
    //! the first errno the stream met, 0 if none. In a forked child it
    //! writes nothing: what is buffered is the parent's, dropped; 0.
    int sync_and_error()
    {
        if (!in_owner_process() || this->buf.detached())
        {
            this->buf.discard();
            return 0;
        }
        this->buf.pubsync();
        return this->buf.error();
    }

    //! Writes out what is buffered now (for an owner about to publish or
    //! hand over the file). Returns the error if that write fails, with the
    //! stream marked bad and the unwritten data dropped; 0 otherwise. Not
    //! for a forked child (the owner refuses before).
    int write_out()
    {
        const int e = this->buf.write_pending();
        if (e != 0)
            mark_bad();
        return e;
    }

    //! Lets go of the descriptor for good: from now on the stream is bad and
    //! touches nothing (the owner closed the file or handed it over). The
    //! stream object itself stays valid as long as its owner.
    void detach() noexcept
    {
        this->buf.detach();
        mark_bad();
    }

    //! Sets badbit without throwing, even when exceptions(badbit) was asked
    //! for: the owner reports the failure itself, through its error forms.
    void mark_bad() noexcept
    {
        BOOST_TRY
        {
            setstate(std::ios_base::badbit);
        }
        BOOST_CATCH(...)
        {
            // The state is set before setstate throws.
        }
        BOOST_CATCH_END
    }
};

// Compiled once in libs/tempfile with BOOST_TEMPFILE_SEPARATE_COMPILATION.
BOOST_TEMPFILE_EXTERN_TEMPLATE(class, fd_streambuf< native_platform >)
BOOST_TEMPFILE_EXTERN_TEMPLATE(class, fd_stream< native_platform >)

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
