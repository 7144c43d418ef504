// Expected: static assertion failed: "boost::tempfile: a naming policy needs `void
// generate(const boost::tempfile::options&, std::string& name)` that writes one candidate file name"

#include <boost/tempfile/atomic_file.hpp>

#include <string>

namespace tf = boost::tempfile;

struct returns_a_name
{
    std::string generate() const { return "fixed"; }
};

int main()
{
    tf::basic_atomic_file< tf::copy_target_mode, tf::full_sync, returns_a_name > f("config");
}
