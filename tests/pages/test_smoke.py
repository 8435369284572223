def test_home_and_notice_render(client, site_tree):
    r = client.get("/")
    assert r.status_code == 200
    body = r.content.decode()
    assert "关于试行三会一课观察员制度的通知" in body
    assert "党内通知" not in body
    r = client.get(site_tree.public_notice.url)
    assert r.status_code == 200
