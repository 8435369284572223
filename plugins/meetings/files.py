"""The stored files of meeting records against the SHA-256 their rows register (and the
keyed chain seals): a file replaced or lost on disk, behind the database, is reported."""

from .models.records import file_digest


def check_files(records):
    """(number of files checked, problems) for the attachments and retained files of
    `records`; each stored file is read once."""
    seen, checked, problems = {}, 0, []

    def check(field_file, expected):
        if field_file.name not in seen:
            seen[field_file.name] = _digest_or_none(field_file)
        digest = seen[field_file.name]
        if digest is None:
            return "文件缺失。"
        return "文件内容与登记的哈希不符，已被替换或修改。" if digest != expected else None

    for record in records.prefetch_related("attachments", "retained_files"):
        where = f"会议记录#{record.pk}（{record}）"
        current = set()
        for attachment in record.attachments.all():
            checked += 1
            current.add(attachment.file.name)
            if problem := check(attachment.file, attachment.sha256):
                problems.append(f"{where}：附件“{attachment.title}”{problem}")
        for item in record.retained_files.all():
            if item.file.name in current:
                continue  # the same stored file, checked above
            checked += 1
            if problem := check(item.file, item.sha256):
                problems.append(f"{where}：已移除或替换的附件“{item.title}”的存档{problem}")
    return checked, problems


def _digest_or_none(field_file):
    try:
        return file_digest(field_file)[0]
    except (FileNotFoundError, OSError, ValueError):
        return None
    finally:
        field_file.close()
